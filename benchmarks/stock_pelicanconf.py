"""Stock Pelican for the benchmark: its default theme, no plugins, its content cache on."""

SITENAME = "Benchmark"
TIMEZONE = "Asia/Baku"
DEFAULT_LANG = "az"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
PLUGINS: list[str] = []
