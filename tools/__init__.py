"""Tools of the project that are not Pelican plugins: releases, sample documents."""
