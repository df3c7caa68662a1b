"""The follow-up of a conclusion's requirements, which every case kind ends with."""
