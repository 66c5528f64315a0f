"""Qt-free readers: Excel workbooks, published reports (txt/html/docx/pdf), last year's file."""
