"""What the built site's pages get beyond the notes: the HTML sanitizer, CSP, the code grid font, preview
images, dates, the print page's repairs, accessibility fixes, the offline bundle and its link check."""
