(module (data "ab
cd"))