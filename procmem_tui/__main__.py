from procmem_tui.cli import main

raise SystemExit(main())
