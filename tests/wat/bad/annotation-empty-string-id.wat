(module (@"") (func))
