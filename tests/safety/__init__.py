"""Issue 12, the diary cannot be lost: one module per numbered item, with real files and
real processes (SIGKILL, a second process holding a lock, a full disk)."""
