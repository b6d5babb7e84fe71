# bash completion for brm(1)
#
# The candidates come from brm itself: `brm __complete WORD...` gets the
# words after "brm" up to the cursor, the last being the word under the
# cursor (maybe empty), and prints the candidates one per line, already
# filtered by that prefix: command names, the command's options, values
# of enum options, record ids.  New commands and options need no change
# here.  Install as .../bash-completion/completions/brm or source it.

# _brm_dequote WORD: the word as the command will see it, for the simple
# quoting people type on a command line ('a b', "a b", a\ b).
_brm_dequote()
{
	local w=$1
	case $w in
	\'*) w=${w#\'}; w=${w%\'} ;;
	\"*) w=${w#\"}; w=${w%\"} ;;
	*) w=${w//\\/} ;;
	esac
	[[ $w == \~/* ]] && w=$HOME/${w#\~/}
	printf '%s' "$w"
}

_brm_dirs()
{
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	COMPREPLY=($(compgen -d -- "$1"))
}

_brm_files()
{
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	COMPREPLY=($(compgen -f -- "$1"))
}

_brm()
{
	local bin=brm line=${COMP_LINE-} w blank i n cur pre dir=
	local -a words=() args=() cands=()

	# A path typed as the command (./brm) is the brm to ask.
	[[ ${1-} == */* ]] && bin=$1

	# bash splits words at COMP_WORDBREAKS too ("status=ac" arrives as
	# "status" "=" "ac"); words that no blank separates in COMP_LINE are
	# joined again, so brm sees the word the user typed.
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		blank=1
		if [[ -n $line ]]; then
			[[ $line == [[:blank:]]* ]] || blank=0
			line=${line#"${line%%[![:blank:]]*}"}
			if [[ $line == "$w"* ]]; then
				line=${line#"$w"}
			else
				line=
			fi
		fi
		if ((i > 0 && !blank)); then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
	done
	n=$((${#words[@]} - 1))
	cur=${words[n]}
	# what bash will replace is only its own current word
	pre=${cur%"${COMP_WORDS[COMP_CWORD]}"}

	# global options before the command: -C <dir>, -C<dir>, --version
	i=1
	while ((i < n)); do
		case ${words[i]} in
		-C) dir=${words[i + 1]}; ((i += 2)) ;;
		-C?*) dir=${words[i]#-C}; ((i++)) ;;
		-*) ((i++)) ;;
		*) break ;;
		esac
	done
	if ((i > n)); then		# the directory after -C
		_brm_dirs "$cur"
		return 0
	fi
	if ((i == n)) && [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-C --help --version' -- "$cur"))
		return 0
	fi

	for ((; i <= n; i++)); do
		args+=("$(_brm_dequote "${words[i]}")")
	done
	[[ -n $dir ]] && dir=$(_brm_dequote "$dir")

	local IFS=$'\n'
	cands=($("$bin" ${dir:+-C} ${dir:+"$dir"} __complete "${args[@]}" \
	    2>/dev/null))
	unset IFS

	if ((${#cands[@]} == 0)); then
		# the operands of init (<dir>) and clone (<url> [<dir>]) are
		# directories; their options are flags or take a value that
		# is not one
		if ((${#args[@]} > 1)) && [[ ${args[0]} == init ||
		    ${args[0]} == clone ]] && [[ $cur != -* ]]; then
			case ${words[n - 1]} in
			--|[!-]*) _brm_dirs "$cur" ;;
			esac
		fi
		# import's <file> (its <kind> and option values have
		# candidates of their own)
		if ((${#args[@]} > 2)) && [[ ${args[0]} == import &&
		    $cur != -* ]]; then
			_brm_files "$cur"
		fi
		return 0
	fi
	[[ -n $pre ]] && cands=("${cands[@]#"$pre"}")
	COMPREPLY=("${cands[@]}")
	# "status=", "review.": the value or subfield follows, not a space
	if ((${#cands[@]} == 1)) && [[ ${cands[0]} == *[=.] ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}

complete -F _brm brm
