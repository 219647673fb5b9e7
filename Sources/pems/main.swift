import ArgumentParser

PEMS.main()
