(module (@))
