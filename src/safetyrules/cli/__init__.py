"""The ``safetyrules`` command line (命令行工具): ``audit`` and ``rules``."""
