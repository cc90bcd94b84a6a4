"""Offline place names: hints for entity recognition, and (with the places
component) a full gazetteer index."""
