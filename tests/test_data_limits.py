"""Hostile data files are refused within DataLimits: alias bombs, deep nesting, huge files.

Every refusal is a DataLimitError naming the file, the line and the key path; no
RecursionError or MemoryError ever escapes. Timing lives in benchmarks/data_limits.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chibo_docs import DataError
from chibo_docs.errors import DataLimitError
from chibo_docs.loading import DataLimits
from chibo_docs.loading.limits import DEPTH_CEILING
from chibo_docs.loading.reader import read_data, read_data_file
from chibo_docs.resources import examples_dir
from samples.data_bombs import alias_bomb

pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages

MIB = 1024 * 1024


@pytest.mark.usefixtures("each_loader")
def test_a_1kb_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    assert path.stat().st_size <= 1024
    with pytest.raises(DataLimitError) as exc:
        read_data(path)
    err = exc.value
    assert err.limit == "max_nodes"
    assert err.allowed == DataLimits().max_nodes
    assert err.found is not None
    assert err.found > err.allowed
    assert err.file == str(path)
    assert err.line is not None
    assert err.key_path is not None
    assert "alias bomb" in str(err)


_MEASURE = """
import json, resource, sys, tracemalloc
from chibo_docs import load_data
from chibo_docs.errors import DataLimitError

tracemalloc.start()
try:
    load_data(sys.argv[1])
    outcome = "loaded"
except DataLimitError as exc:
    outcome = exc.limit
peak = tracemalloc.get_traced_memory()[1]
# the peak RSS of this program: VmHWM belongs to its own memory map, where ru_maxrss may be
# the parent's size at fork (Linux keeps it across exec: a large pytest would count)
try:
    with open("/proc/self/status") as status:
        rss_kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "traced": peak, "rss_kib": rss_kib}))
"""


def test_the_alias_bomb_is_refused_in_a_fresh_process_under_200_mib(tmp_path: Path) -> None:
    # Unbounded, this file stands for 10**20 strings; PyYAML alone would need terabytes.
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["outcome"] == "max_nodes"
    assert result["traced"] < 200 * MIB  # what loading allocated (a few hundred KB)
    assert result["rss_kib"] * 1024 < 200 * MIB  # the whole process, interpreter included


@pytest.mark.parametrize("levels", [5_000, 100_000])
@pytest.mark.parametrize(
    ("name", "nest"),
    [
        ("flow.yaml", lambda n: "document: minutes\nx: " + "[" * n + "]" * n + "\n"),
        ("unclosed.yaml", lambda n: "document: minutes\nx: " + "[" * n + "\n"),
        ("maps.yaml", lambda n: "document: minutes\nx: " + "{a: " * n + "1" + "}" * n + "\n"),
        ("block.yaml", lambda n: "document: minutes\nx:\n  " + "- " * n + "1\n"),
        ("arrays.json", lambda n: '{"document": "minutes", "x": ' + "[" * n + "]" * n + "}"),
        ("unclosed.json", lambda n: '{"document": "minutes", "x": ' + "[" * n),
        ("objects.json", lambda n: '{"x": ' + '{"a": ' * n + "1" + "}" * n + "}"),
    ],
)
@pytest.mark.usefixtures("each_loader")
def test_deep_nesting_is_a_data_limit_error_not_a_recursion_error(
    tmp_path: Path, name: str, nest: object, levels: int
) -> None:
    assert callable(nest)
    path = tmp_path / name
    path.write_text(nest(levels), encoding="utf-8")
    with pytest.raises(DataLimitError) as exc:
        read_data(path)
    assert exc.value.limit == "max_depth"
    assert exc.value.line is not None
    # LibYAML stops flow nesting itself at 1000 levels, before the key path is known
    if exc.value.key_path is not None:
        assert exc.value.key_path.startswith("x.")
    assert "nested more than 50 levels deep" in str(exc.value)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.usefixtures("each_loader")
def test_nesting_up_to_the_ceiling_reads_without_recursion_trouble(tmp_path: Path, suffix: str) -> None:
    levels = DEPTH_CEILING  # x's list is at x (1 level), the innermost at x.0.0… (150 levels)
    path = tmp_path / f"deep{suffix}"
    path.write_text('{"x": ' + "[" * levels + "]" * levels + "}", encoding="utf-8")
    limits = DataLimits(max_depth=DEPTH_CEILING)
    assert read_data_file(path, limits=limits).depth == DEPTH_CEILING
    path.write_text('{"x": ' + "[" * (levels + 1) + "]" * (levels + 1) + "}", encoding="utf-8")
    with pytest.raises(DataLimitError, match="more than 150 levels"):
        read_data_file(path, limits=limits)


@pytest.mark.usefixtures("each_loader")
def test_an_alias_to_a_deep_value_counts_its_depth(tmp_path: Path) -> None:
    path = tmp_path / "deep-alias.yaml"
    path.write_text("a: &a [[[[1]]]]\nb: {c: {d: *a}}\n", encoding="utf-8")
    assert read_data_file(path, limits=DataLimits(max_depth=7)).depth == 7
    with pytest.raises(DataLimitError) as exc:
        read_data(path, limits=DataLimits(max_depth=6))
    assert (exc.value.limit, exc.value.found, exc.value.line, exc.value.key_path) == ("max_depth", 7, 2, "b.c.d")


@pytest.mark.usefixtures("each_loader")
def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("document: minutes\na: &a [1, *a]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2, column 11, at a.1: the alias \*a stands for a value that holds"):
        read_data(path)


@pytest.mark.usefixtures("each_loader")
def test_too_many_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("a: &a 1\nb: [" + ", ".join(["*a"] * 11) + "]\n", encoding="utf-8")
    assert len(read_data(path, limits=DataLimits(max_aliases=11))["b"]) == 11
    with pytest.raises(DataLimitError, match="line 2, column 45, at b.10: the data uses 11 YAML aliases"):
        read_data(path, limits=DataLimits(max_aliases=10))


def test_a_big_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("document: minutes\n# " + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(DataLimitError) as exc:
        read_data(path, limits=DataLimits(max_file_bytes=1000))
    assert (exc.value.limit, exc.value.allowed, exc.value.found) == ("max_file_bytes", 1000, path.stat().st_size)
    assert str(exc.value).startswith(f"data file {str(path)!r}: the file is 2021 bytes; the limit is 1000")


def test_includes_count_towards_the_total_size(tmp_path: Path) -> None:
    (tmp_path / "part.yaml").write_text("v: '" + "x" * 600 + "'\n", encoding="utf-8")
    path = tmp_path / "main.yaml"
    path.write_text("a: {include: part.yaml#v}\nb: {include: part.yaml#v}\n", encoding="utf-8")
    total = path.stat().st_size + (tmp_path / "part.yaml").stat().st_size
    assert read_data_file(path).bytes_read == total  # each file once, though included twice
    with pytest.raises(DataLimitError, match=f"come to {total} bytes; the limit is 650"):
        read_data(path, limits=DataLimits(max_total_bytes=650))


def test_includes_repeated_by_aliases_count_their_values(tmp_path: Path) -> None:
    (tmp_path / "part.yaml").write_text("v: [" + ", ".join(["1"] * 100) + "]\n", encoding="utf-8")
    path = tmp_path / "main.yaml"
    path.write_text("a: &a {include: part.yaml#v}\nb: [" + ", ".join(["*a"] * 50) + "]\n", encoding="utf-8")
    assert read_data_file(path).values > 5_000
    with pytest.raises(DataLimitError) as exc:
        read_data(path, limits=DataLimits(max_nodes=2_000))
    assert exc.value.limit == "max_nodes"
    assert exc.value.file == str((tmp_path / "part.yaml").resolve())


def test_a_json_file_with_too_many_values_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text("[" + ",\n".join(["0"] * 200) + "]", encoding="utf-8")
    with pytest.raises(DataLimitError, match="line 100, at 99: the data grows to more than 100 values"):
        read_data(path, limits=DataLimits(max_nodes=100))


def test_an_unterminated_json_string_is_scanned_in_linear_time(tmp_path: Path) -> None:
    # '"\"' repeated: every quote is escaped, so the scan must not restart at each one
    path = tmp_path / "quotes.json"
    path.write_text('["' + '\\"' * 200_000, encoding="utf-8")
    with pytest.raises(DataError, match="is not valid JSON: Unterminated string"):
        read_data(path)


def test_the_examples_stay_far_below_the_default_limits() -> None:
    limits = DataLimits()
    for path in examples_dir().glob("*.yaml"):
        source = read_data_file(path)
        assert source.depth * 8 <= limits.max_depth, path.name
        assert source.values * 100 <= limits.max_nodes, path.name
        assert path.stat().st_size * 100 <= limits.max_file_bytes, path.name
        assert source.bytes_read * 100 <= limits.max_total_bytes, path.name
        assert "*" not in path.read_text(encoding="utf-8"), path.name  # no alias


@pytest.mark.parametrize(
    "changes",
    [{"max_depth": 0}, {"max_depth": DEPTH_CEILING + 1}, {"max_nodes": True}, {"max_aliases": 1.5}],
)
def test_unworkable_limits_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="DataLimits.max_"):
        DataLimits(**changes)  # type: ignore[arg-type]


@pytest.mark.usefixtures("each_loader")
def test_merge_keys_work_and_a_written_key_overrides_a_merged_one(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n", encoding="utf-8")
    source = read_data_file(path)
    assert source.data["item"] == {"x": 1, "y": 3}
    located = source.locate("item.y")
    assert located is not None
    assert located.line == 4
    path.write_text("item: {y: 2, y: 3}\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 1, column 14, at item: duplicate key 'y'"):
        read_data(path)


@pytest.mark.usefixtures("each_loader")
def test_a_hostile_yaml_tag_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text("document: minutes\nx: !!python/object:os.system ls\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2, column 4, at x: could not determine a constructor"):
        read_data(path)


def test_the_bomb_fixture_is_really_a_bomb() -> None:
    # keep the fixture honest: each level repeats the one before ten times
    text = alias_bomb()
    levels = [line for line in text.splitlines() if line.startswith("l")]
    assert len(levels) >= 10
    assert all(line.count("*") == 10 for line in levels[1:])
