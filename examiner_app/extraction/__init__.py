"""File -> text -> language -> facts.

``reader`` is the entry point for reading files (``probe_document``, ``read_document``, ``ReaderPool``); the
other modules are its parts and run inside worker processes (``sandbox``). Nothing here imports Qt, and heavy
libraries (pypdfium2, Pillow, pytesseract, pdfplumber) are imported where they are used, inside the workers.
"""
