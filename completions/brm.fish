# fish completion for brm(1)
#
# The candidates come from brm itself: `brm __complete WORD...` gets the
# words after "brm" up to the cursor, the last being the word under the
# cursor (maybe empty), and prints the candidates one per line, already
# filtered by that prefix; or the one line ":files" or ":dirs", when the
# word (the VALUE of "--opt=VALUE") is a path, which fish completes.  New
# commands and options need no change here.
# Install as .../fish/vendor_completions.d/brm.fish or source it.

function __brm_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -q cur[1]; or set cur ""
    set -l bin brm
    # A path typed as the command (./brm) is the brm to ask.
    if string match -q -- '*/*' $tokens[1]
        set bin (string replace -r '^~/' "$HOME/" -- $tokens[1])
    end

    # global options before the command: -C <dir>, -C<dir>, --version
    set -l dir
    set -l i 2
    set -l n (count $tokens)
    while test $i -le $n
        switch $tokens[$i]
            case -C
                if test $i -eq $n
                    __fish_complete_directories $cur
                    return
                end
                set dir $tokens[(math $i + 1)]
                set i (math $i + 2)
            case '-C?*'
                set dir (string sub -s 3 -- $tokens[$i])
                set i (math $i + 1)
            case '-*'
                set i (math $i + 1)
            case '*'
                break
        end
    end
    if test $i -gt $n; and string match -q -- '-*' $cur
        printf '%s\n' -C --help --version
        return
    end

    set -l args $cur
    if test $i -le $n
        set args $tokens[$i..-1] $cur
    end
    set -l pre
    if test -n "$dir"
        set pre -C (string replace -r '^~/' "$HOME/" -- $dir)
    end
    set -l cands ($bin $pre __complete $args 2>/dev/null)
    switch "$cands[1]"
        case :files :dirs
            # "--output=re": the path is what follows "="
            set -l opt (string match -r -- '^--[^=]*=' $cur)
            set -l val (string replace -r -- '^--[^=]*=' '' $cur)
            set -l paths
            if test "$cands[1]" = :dirs
                set paths (__fish_complete_directories $val)
            else
                set paths (__fish_complete_path $val)
            end
            for p in $paths
                printf '%s%s\n' "$opt" $p
            end
        case '*'
            printf '%s\n' $cands
    end
end

complete -c brm -f -a '(__brm_complete)'
