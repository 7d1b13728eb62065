from calftui.cli import main

raise SystemExit(main())
