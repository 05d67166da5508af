"""The ``sohoa`` command line: one module per command, over the ``dossier`` use cases."""
