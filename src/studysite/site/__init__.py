"""What the built site's pages get beyond the notes: the HTML sanitizer (``sanitize``), the CSP (``csp``),
escaping (``escape``), the code grid font (``code_font``, ``code_font_build``), preview images
(``preview_images``), dates from git (``dates``), the print page's repairs (``print_page``,
``print_chapters``), accessibility fixes (``a11y``), linear-time patches to plugins (``upstream_linear``),
and the offline bundle and its link check (``offline``, ``offline_pages``)."""
