"""Qt-free writers: Excel (openpyxl), PDF (reportlab), and the fonts they use."""
