"""The Qt desktop application over the dossier use cases.

The only package that imports PySide6; start it with :func:`desktop.app.run`.
"""
