"""Media contacts: the press officers a story names (`contacts.yml`), and the site's notes to
editors, at the end of every story."""
