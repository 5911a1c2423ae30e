(module ( @a))
