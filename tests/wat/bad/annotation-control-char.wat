(module (@a ))
