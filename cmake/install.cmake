# install.cmake — what `cmake --install` puts where, and the Debian package CPack makes from it.
#
#   bin/briefc
#   share/briefc/{plugins,fonts,briefs,examples}   found by core/home.c relative to bin/briefc
#   share/man/man{1,5,7}                           generated from the option table (core/cli.c)
#   share/bash-completion, share/zsh, share/fish   the same
#   share/doc/briefc                               README, tutorial, copyright
#
# bin/ and share/briefc keep these names whatever GNUInstallDirs says: home.c looks for
# <exe>/../share/briefc, so a prefix can be moved as a whole.

install(TARGETS briefc RUNTIME DESTINATION bin)
install(DIRECTORY plugins/ DESTINATION share/briefc/plugins
  FILES_MATCHING PATTERN "*.lua" PATTERN "*.md")
install(DIRECTORY fonts/ DESTINATION share/briefc/fonts
  FILES_MATCHING PATTERN "*.ttf" PATTERN "*.otf" PATTERN "LICENSE*")
install(DIRECTORY briefs/ DESTINATION share/briefc/briefs)
install(DIRECTORY examples/ DESTINATION share/briefc/examples)
install(FILES README.md DESTINATION share/doc/briefc)
