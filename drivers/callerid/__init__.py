"""drivers.callerid: caller ID decoded in software for every standard (sans-IO, numpy).

Bell 202 and V.23 FSK (SDMF/MDMF, ETSI, NTT JCLIP), DTMF caller ID and alerting signals;
`decoder.CallerIdDecoder` runs whatever a standard (or "auto") needs over one audio stream.
"""
