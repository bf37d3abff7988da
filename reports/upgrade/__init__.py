"""The upgrade report: two releases' replays of the same saved cases, compared cell by cell.

`diff` finds the changes, `classify` marks the documented ones (`changes.toml`) intended, `render`
writes the JSON, Markdown and HTML reports and `reproducer` a script per unexpected change;
`python -m reports.upgrade OLD NEW --out DIR` does all of it from the two results files.
"""
