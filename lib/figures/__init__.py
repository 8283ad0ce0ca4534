"""Le figure specifiche di un capitolo, un modulo per capitolo.

I mattoni generici (paesaggi, traiettorie, curve di costo, piccoli multipli)
stanno in :mod:`lib.plots`; qui solo le composizioni che servono a un capitolo.
"""
