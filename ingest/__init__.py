"""Ingestion: load documents (files, folders, URLs), chunk them, embed what is new, store."""
