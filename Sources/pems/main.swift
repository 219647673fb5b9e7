import ArgumentParser

UnknownOption.refuse(in: Array(CommandLine.arguments.dropFirst()))
PEMS.main()
