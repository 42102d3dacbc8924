"""Production settings: the development settings plus what publishing needs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *

SITEURL = "https://press.example.org"
RELATIVE_URLS = False

# Every publish is a whole, clean build: no cache, nothing kept from an earlier build.
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
INCREMENTAL = {"enabled": False}

# Drafts and scheduled stories are never written in production.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Any warning or error fails the build, after every problem has been reported.
REPORT = {"fail_on": "warning", "manifest": "manifest.json"}

# `invoke deploy` puts the published site live here: a folder on a server over SSH
# (user@host:/path, the web server's document root being its `current`), a folder here, or
# object storage (s3://bucket/prefix; endpoint and keys from the AWS_* environment variables).
DEPLOY_TARGET = "press@press.example.org:/var/www/press/"
# Releases kept in the target folder, the live one among them (`invoke rollback` goes back).
DEPLOY_KEEP_RELEASES = 5
# Object storage: a deploy that would delete more objects than this stops unless --force.
DEPLOY_MAX_DELETIONS = 100

# The search index is built with the site.
SEARCH = {**SEARCH, "index": True}
