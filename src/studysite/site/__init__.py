"""The built site: serving it, the browser that reads it, the offline bundle and the print page."""
