print("ctxbench")
