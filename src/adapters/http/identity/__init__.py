"""HTTP adapter of the identity context, in the sub-packages of ``usecases/identity`` (a
router and its schemas each); ``fields.py`` holds the input types they share."""
