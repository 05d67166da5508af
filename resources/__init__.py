"""Application resources shipped with Sohoa: procedure catalogue, sample pages, icons.

Read them with ``importlib.resources.files("resources")`` so a frozen bundle works too.
"""
