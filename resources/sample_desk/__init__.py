"""Sample desk data: a result scan and a register, beside the sample dossier."""
