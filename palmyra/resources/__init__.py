"""Data the stages read: the gazetteer and the curated lists it is built from."""
