"""Pure logic: no I/O, and no imports of telegram, aiosqlite or jinja2."""
