"""The cap table's drivers: the PDFs of its certificates and transfer agreements."""
