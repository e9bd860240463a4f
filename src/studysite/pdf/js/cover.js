// The cover's title, subtitle and author: the PDF's metadata.
() => ({
  title: document.querySelector(".print-cover__title")?.textContent.trim() || document.title,
  subject: document.querySelector(".print-cover__subtitle")?.textContent.trim() || "",
  author: document.querySelector(".print-cover__author")?.textContent.trim() || "",
})
