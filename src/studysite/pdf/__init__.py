"""The whole site as one PDF: printing the print page and checking the result."""
