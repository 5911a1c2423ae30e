(module (; never (; closed ;)
)