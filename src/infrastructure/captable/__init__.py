"""The cap table's drivers: the PDFs of its certificates and agreements, OCF packages, and the
wiring of the share-transfer workflow."""
