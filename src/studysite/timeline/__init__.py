"""The history timeline: its data model, loading and checks, and rendering."""
