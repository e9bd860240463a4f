"""Layer diagrams drawn as text: read them, write Mermaid, escape labels."""
