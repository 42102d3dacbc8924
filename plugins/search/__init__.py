"""Search: a Pagefind index of the stories and publications, per language, and a search page
in every language."""
