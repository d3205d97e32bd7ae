from mskg.cli import main

main()
