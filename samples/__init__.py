"""Sample and hostile files, generated on demand, shared by the tests and the benchmarks.

Nothing here is part of chibo_docs: these modules write realistic Vietnamese .docx documents
(python-docx), small templates, zip bombs and YAML alias bombs into temporary folders.
"""
