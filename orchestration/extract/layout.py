"""The document's structure: title, date, review and plan parts. [owner: attributes]

`analyze(text) -> Layout` reads the document's own headings and dates. `Layout.context(offset)`
says which part an offset is in (review / plan / five-year plan / glossary / front matter)
and the default status and period for figures there.
"""
