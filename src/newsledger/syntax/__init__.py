"""Helpers over spaCy's parse that several stages read: the vocabulary of speech and reported clauses."""
