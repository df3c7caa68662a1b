"""Secret ballots: the voter's paper, closing a ballot, the ballot card on the case page."""
