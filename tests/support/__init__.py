"""Helpers of the test suite: example data, the built-in forms, sample specs, strategies,
font pinning and write-failure confinement. Tests import from here, never from conftest."""
