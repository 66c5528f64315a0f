"""Work on many reports at once: review a collected pile, and 汇总 it (Qt-free, shared by the
command line and the window)."""
