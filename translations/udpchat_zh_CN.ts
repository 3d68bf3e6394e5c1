<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressesDialog</name>
    <message>
        <source>Your Addresses</source>
        <translation>本机地址</translation>
    </message>
    <message>
        <source>The other computer sends to one of these addresses (and to the port udpchat listens on). Use the one on the same network as the other computer; loopback addresses only reach this computer.</source>
        <translation>另一台计算机向下列地址之一（以及 udpchat 监听的端口）发送。请使用与另一台计算机位于同一网络的地址；回环地址只能到达本机。</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Enter a target address to see which of these it will see.</source>
        <translation>输入目标地址，即可看到对方会看到其中哪一个地址。</translation>
    </message>
    <message>
        <source>This computer has no route to %1.</source>
        <translation>本机没有到 %1 的路由。</translation>
    </message>
    <message>
        <source>%1 sees this computer as %2 (the address of the route to it).</source>
        <translation>%1 看到的本机地址是 %2（通往它的路由所用的地址）。</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>%1 This window does not save settings or the draft.</source>
        <translation>%1本窗口不会保存设置和草稿。</translation>
    </message>
</context>
<context>
    <name>AtomicFile</name>
    <message>
        <source>the folder %1 cannot be created</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>only %1 of %2 bytes could be written</source>
        <translation>%2 字节中只写入了 %1 字节</translation>
    </message>
    <message>
        <source>the file is not open</source>
        <translation>文件未打开</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>Replying to %1</source>
        <translation>正在回复 %1</translation>
    </message>
    <message>
        <source>No messages yet.
What arrives on UDP port %1 is listed here; what you type below goes to the target above.</source>
        <translation>还没有消息。
到达 UDP 端口 %1 的数据报会列在这里；在下方输入的内容会发送到上方的目标。</translation>
    </message>
    <message>
        <source>No messages yet.
udpchat is not listening: choose a free port above.</source>
        <translation>还没有消息。
udpchat 没有在监听：请在上方选择一个空闲端口。</translation>
    </message>
    <message>
        <source>Replies go to %1, the port its messages came from. A program that sends from a passing port (nc, a script) may not listen there: then ask for its port.</source>
        <translation>回复将发往 %1，即其消息的来源端口。从临时端口发送的程序（nc、脚本）可能并不在该端口上监听：此时请向对方询问其端口。</translation>
    </message>
    <message>
        <source>Messages; double-click a received one, or press Enter on it, to reply to its sender</source>
        <translation>消息；双击收到的消息或在其上按 Enter 可回复发送方</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <source>Not sent: the message is %1 bytes; one UDP datagram holds at most %2. Shorten it or split it.</source>
        <translation>未发送：消息有 %1 字节，而一个 UDP 数据报最多容纳 %2 字节。请缩短或拆分消息。</translation>
    </message>
    <message>
        <source>%1 cannot represent these characters: %2. Choose another encoding or remove them.</source>
        <translation>%1 无法表示这些字符：%2。请选择其他编码或删除这些字符。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <source>invalid --bind-port &apos;%1&apos;: use a port from 1 to 65535, or 0 for any free port.</source>
        <translation>无效的 --bind-port &apos;%1&apos;：请使用 1 到 65535 之间的端口，或用 0 表示任意空闲端口。</translation>
    </message>
    <message>
        <source>unknown encoding &apos;%1&apos;; available: %2.</source>
        <translation>未知的编码 &apos;%1&apos;；可用的编码：%2。</translation>
    </message>
    <message>
        <source>Exit status:
  0  success; also when ended with Ctrl+C (SIGINT) or SIGTERM
  1  the run failed: port busy, datagram too large or refused by the system,
     text not representable in the encoding, file unreadable, output not
     writable, or --timeout came before --count datagrams
  2  usage error: unknown option or command, bad value, bad address,
     unknown encoding; nothing was sent or bound
</source>
        <translation>退出状态：
  0  成功；因 Ctrl+C（SIGINT）或 SIGTERM 结束时也是 0
  1  运行失败：端口被占用、数据报过大或被系统拒绝、
     文本无法用该编码表示、文件不可读、输出不可写，
     或 --timeout 到时仍未收满 --count 个数据报
  2  用法错误：未知的选项或命令、错误的值、错误的地址、
     未知的编码；此时不会发送任何内容，也不会绑定端口
</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Default UTF-8. Available: %1.</source>
        <translation>默认 UTF-8。可用：%1。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Listen on UDP &lt;port&gt;, IPv4 and IPv6 (default %1, as the window; 0 = any free port). The port is printed to standard error at start.</source>
        <translation>在 UDP 端口 &lt;port&gt; 上监听，IPv4 和 IPv6 均可（默认 %1，与窗口相同；0 = 任意空闲端口）。启动时端口号会打印到标准错误。</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Decode datagrams as &lt;name&gt;.</source>
        <translation>按 &lt;name&gt; 编码解码数据报。</translation>
    </message>
    <message>
        <source>Print JSON Lines instead of text: one object per datagram with time (UTC, ISO 8601 with ms), peer, port, bytes, encoding, valid (false if the bytes were not valid in the encoding), text and hex (the exact bytes).</source>
        <translation>输出 JSON Lines 而不是文本：每个数据报一个对象，包含 time（UTC，带毫秒的 ISO 8601）、peer、port、bytes、encoding、valid（字节不是该编码的有效内容时为 false）、text 和 hex（原样的字节）。</translation>
    </message>
    <message>
        <source>Exit after printing &lt;N&gt; datagrams.</source>
        <translation>打印 &lt;N&gt; 个数据报后退出。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Exit after &lt;seconds&gt; (decimals allowed, e.g. 0.5). With --count, exit status 1 if fewer datagrams came.</source>
        <translation>&lt;seconds&gt; 秒后退出（可带小数，例如 0.5）。与 --count 同用时，如果收到的数据报不足该数量，退出状态为 1。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <source>Usage: %1 listen [options]

Print one line per UDP datagram that arrives, until --count, --timeout,
Ctrl+C (SIGINT) or SIGTERM. A text line is &quot;TIME  IP:PORT  TEXT&quot; (local
time); control and bidi characters in TEXT are shown as escapes (\x1b, \n,
\u202e) and a backslash as \\. An empty datagram shows &quot;(empty datagram)&quot;,
one not valid in the encoding shows its bytes in hex. Lines go to standard
output, flushed one by one; &quot;listening on UDP port N&quot; and the summary
(received, dropped by udpchat-cli and by the kernel) go to standard error.

</source>
        <translation>用法：%1 listen [选项]

每收到一个 UDP 数据报就打印一行，直到达到 --count、--timeout，或收到
Ctrl+C（SIGINT）或 SIGTERM。文本行的格式为“TIME  IP:PORT  TEXT”（本地
时间）；TEXT 中的控制字符和双向控制字符显示为转义序列（\x1b、\n、
\u202e），反斜杠显示为 \\。空数据报显示为“（空数据报）”，不是该编码
有效内容的数据报则以十六进制显示其字节。各行写到标准输出，逐行刷新；
“正在监听 UDP 端口 N”以及结束时的统计（已接收数、被 udpchat-cli
和被内核丢弃的数量）写到标准错误。

</translation>
    </message>
    <message>
        <source>
Examples:
  %1 listen
  %1 listen --bind-port 0 --json
  %1 listen --bind-port 7777 --encoding GBK --count 1 --timeout 5
  %1 listen --json | jq -r .text
</source>
        <translation>
示例：
  %1 listen
  %1 listen --bind-port 0 --json
  %1 listen --bind-port 7777 --encoding GBK --count 1 --timeout 5
  %1 listen --json | jq -r .text
</translation>
    </message>
    <message>
        <source>Send the bytes of file &lt;F&gt; as one datagram, as they are (&quot;-&quot; = all of standard input).</source>
        <translation>把文件 &lt;F&gt; 的字节原样作为一个数据报发送（&quot;-&quot; 表示全部标准输入）。</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Send the bytes written in hex, as they are: &quot;48 65 6c&quot;, &quot;48656c&quot;, &quot;0x48,0x65&quot; or &quot;48:65:6c&quot;; &quot;&quot; is an empty datagram.</source>
        <translation>原样发送以十六进制写出的字节：&quot;48 65 6c&quot;、&quot;48656c&quot;、&quot;0x48,0x65&quot; 或 &quot;48:65:6c&quot;；&quot;&quot; 表示空数据报。</translation>
    </message>
    <message>
        <source>HEX</source>
        <translation>HEX</translation>
    </message>
    <message>
        <source>Convert TEXT and input lines to &lt;name&gt;.</source>
        <translation>把 TEXT 和输入行转换为 &lt;name&gt; 编码。</translation>
    </message>
    <message>
        <source>Send from UDP &lt;port&gt;, where replies would arrive (default 0 = any free port).</source>
        <translation>从 UDP 端口 &lt;port&gt; 发送，回复会到达该端口（默认 0 = 任意空闲端口）。</translation>
    </message>
    <message>
        <source>Send TEXT, --file or --hex &lt;N&gt; times (default 1).</source>
        <translation>把 TEXT、--file 或 --hex 的内容发送 &lt;N&gt; 次（默认 1）。</translation>
    </message>
    <message>
        <source>Wait &lt;MS&gt; milliseconds between two datagrams (default 1000 with --repeat, 0 for input lines).</source>
        <translation>两个数据报之间等待 &lt;MS&gt; 毫秒（使用 --repeat 时默认 1000，输入行默认 0）。</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Usage: %1 send [options] HOST:PORT [TEXT]

Send TEXT, the bytes of --file or the bytes of --hex as one UDP datagram to
HOST:PORT: an IPv4 address as a.b.c.d:port, IPv6 as [address]:port
([fe80::1%eth0]:port for link-local); host names are not looked up. Without
TEXT, --file and --hex, every line of standard input is one datagram, without
its line end (\n or \r\n); an empty line is an empty datagram. TEXT and
input lines are UTF-8, converted to --encoding. One datagram holds at most
65507 bytes to IPv4 and 65527 to IPv6. Each datagram sent is reported on
standard output as &quot;sent N bytes to IP:PORT&quot; (handed to the system; UDP
never confirms delivery); errors go to standard error.

</source>
        <translation>用法：%1 send [选项] HOST:PORT [TEXT]

把 TEXT、--file 文件的字节或 --hex 给出的字节作为一个 UDP 数据报发送到
HOST:PORT：IPv4 地址写作 a.b.c.d:端口，IPv6 地址写作 [地址]:端口
（链路本地地址写作 [fe80::1%eth0]:端口）；不会解析主机名。如果没有
TEXT、--file 和 --hex，标准输入的每一行就是一个数据报，不含行尾
（\n 或 \r\n）；空行即空数据报。TEXT 和输入行按 UTF-8 读取，再转换为
--encoding 指定的编码。一个数据报最多容纳 65507 字节（IPv4）或
65527 字节（IPv6）。每发送一个数据报，都会在标准输出上报告
“已发送 N 字节到 IP:PORT”（表示已交给系统；UDP 从不确认是否
送达）；错误信息写到标准错误。

</translation>
    </message>
    <message>
        <source>
Examples:
  %1 send 127.0.0.1:6666 &quot;hello&quot;
  %1 send [::1]:6666 --hex &quot;48 65 6c 6c 6f&quot;
  %1 send 192.168.0.102:6666 --encoding GBK &quot;你好&quot;
  %1 send 127.0.0.1:6666 --file packet.bin
  %1 send 127.0.0.1:6666 ping --repeat 5 --interval 200
  tail -f app.log | %1 send 127.0.0.1:6666
  %1 send 127.0.0.1:6666 -- &quot;-text that starts with a dash&quot;
</source>
        <translation>
示例：
  %1 send 127.0.0.1:6666 &quot;hello&quot;
  %1 send [::1]:6666 --hex &quot;48 65 6c 6c 6f&quot;
  %1 send 192.168.0.102:6666 --encoding GBK &quot;你好&quot;
  %1 send 127.0.0.1:6666 --file packet.bin
  %1 send 127.0.0.1:6666 ping --repeat 5 --interval 200
  tail -f app.log | %1 send 127.0.0.1:6666
  %1 send 127.0.0.1:6666 -- &quot;-以短横线开头的文本&quot;
</translation>
    </message>
    <message>
        <source>Try &apos;%1 --help&apos;.</source>
        <translation>请运行 &apos;%1 --help&apos; 查看帮助。</translation>
    </message>
    <message>
        <source>listen takes no arguments, got &apos;%1&apos;.</source>
        <translation>listen 不接受参数，但收到了 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>invalid --count &apos;%1&apos;: use a whole number from 1 to %2.</source>
        <translation>无效的 --count &apos;%1&apos;：请使用 1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>invalid --timeout &apos;%1&apos;: use seconds from 0.001 to %2, for example 5 or 0.5.</source>
        <translation>无效的 --timeout &apos;%1&apos;：请使用 0.001 到 %2 之间的秒数，例如 5 或 0.5。</translation>
    </message>
    <message>
        <source>send takes one TEXT, got %1 words after the target; put the text in quotes, e.g. &quot;hello world&quot;.</source>
        <translation>send 只接受一个 TEXT，但目标后面有 %1 个词；请用引号把文本括起来，例如 &quot;hello world&quot;。</translation>
    </message>
    <message>
        <source>invalid target &apos;%1&apos;: %2</source>
        <translation>无效的目标 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>give only one of TEXT, --file and --hex.</source>
        <translation>TEXT、--file 和 --hex 只能给出其中一个。</translation>
    </message>
    <message>
        <source>--file needs a file name (&quot;-&quot; = standard input).</source>
        <translation>--file 需要文件名（&quot;-&quot; 表示标准输入）。</translation>
    </message>
    <message>
        <source>invalid --hex: %1</source>
        <translation>无效的 --hex：%1</translation>
    </message>
    <message>
        <source>--repeat needs TEXT, --file or --hex; lines of standard input are each sent once.</source>
        <translation>--repeat 需要与 TEXT、--file 或 --hex 一起使用；标准输入的每一行都只发送一次。</translation>
    </message>
    <message>
        <source>invalid --repeat &apos;%1&apos;: use a whole number from 1 to %2.</source>
        <translation>无效的 --repeat &apos;%1&apos;：请使用 1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>invalid --interval &apos;%1&apos;: use milliseconds from 0 to %2.</source>
        <translation>无效的 --interval &apos;%1&apos;：请使用 0 到 %2 之间的毫秒数。</translation>
    </message>
    <message>
        <source>Send lines in and decode datagrams from &lt;name&gt;.</source>
        <translation>以 &lt;name&gt; 编码发送各行并解码收到的数据报。</translation>
    </message>
    <message>
        <source>Send from and receive on UDP &lt;port&gt; (default 0 = any free port, printed at start).</source>
        <translation>从 UDP 端口 &lt;port&gt; 发送并在其上接收（默认 0 = 任意空闲端口，启动时显示）。</translation>
    </message>
    <message>
        <source>Usage: %1 chat [options] HOST:PORT

A two-way session with HOST:PORT, as nc -u or socat do: every line typed is one
datagram to it (without its line end), every datagram that arrives on the port
is printed as listen prints it, whoever sent it. Ends at the end of input (Ctrl+D)
or on Ctrl+C. HOST:PORT as for send; localhost is 127.0.0.1.

</source>
        <translation>用法：%1 chat [选项] HOST:PORT

与 HOST:PORT 的双向会话，如同 nc -u 或 socat：输入的每一行作为一个数据报
发给对方（不含行尾），到达该端口的每个数据报都像 listen 那样打印出来，无论
是谁发送的。输入结束（Ctrl+D）或按 Ctrl+C 时结束。HOST:PORT 与 send 相同；
localhost 即 127.0.0.1。

</translation>
    </message>
    <message>
        <source>
Example:
  %1 chat 127.0.0.1:6666
</source>
        <translation>
示例：
  %1 chat 127.0.0.1:6666
</translation>
    </message>
    <message>
        <source>the target is one word, HOST:PORT: use %1 instead of &apos;%2 %3&apos;.</source>
        <translation>目标是一个词 HOST:PORT：请使用 %1，而不是 &apos;%2 %3&apos;。</translation>
    </message>
    <message>
        <source>chat takes only HOST:PORT; type the lines to send once it runs.</source>
        <translation>chat 只接受 HOST:PORT；运行后再输入要发送的行。</translation>
    </message>
    <message>
        <source>no command given; use listen, send or chat.</source>
        <translation>没有给出命令；请使用 listen、send 或 chat。</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; use listen, send or chat.</source>
        <translation>未知命令 &apos;%1&apos;；请使用 listen、send 或 chat。</translation>
    </message>
    <message>
        <source>%1 needs a target HOST:PORT, e.g. 127.0.0.1:6666.</source>
        <translation>%1 需要一个目标 HOST:PORT，例如 127.0.0.1:6666。</translation>
    </message>
    <message>
        <source>GROUP[%INTERFACE]</source>
        <translation>GROUP[%INTERFACE]</translation>
    </message>
    <message>
        <source>  %1 listen --bind-port 7000 --join 239.255.77.1 --join ff12::2115%eth0
</source>
        <translation>  %1 listen --bind-port 7000 --join 239.255.77.1 --join ff12::2115%eth0
</translation>
    </message>
    <message>
        <source>TTL (IPv4) or hop limit (IPv6) of datagrams to a multicast group, 0 to %1 (default %2: this network only).</source>
        <translation>发往组播组的数据报的 TTL（IPv4）或跳数限制（IPv6），0 到 %1（默认 %2：仅限本网络）。</translation>
    </message>
    <message>
        <source>Send datagrams to a multicast group out of interface &lt;NAME&gt; (default: the only LAN interface, else the system&apos;s routes).</source>
        <translation>从网络接口 &lt;NAME&gt; 发送发往组播组的数据报（默认：唯一的局域网接口，否则按系统路由）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>  %1 send 239.255.77.1:7000 --ttl 2 --interface eth0 &quot;hello group&quot;
</source>
        <translation>  %1 send 239.255.77.1:7000 --ttl 2 --interface eth0 &quot;hello group&quot;
</translation>
    </message>
    <message>
        <source>invalid --join: %1</source>
        <translation>无效的 --join：%1</translation>
    </message>
    <message>
        <source>invalid --ttl &apos;%1&apos;: use a whole number from 0 to %2.</source>
        <translation>无效的 --ttl &apos;%1&apos;：请使用 0 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>--interface needs an interface name, e.g. eth0.</source>
        <translation>--interface 需要网络接口名称，例如 eth0。</translation>
    </message>
    <message>
        <source>Join the multicast group GROUP (IPv4 224.0.0.0/4 or IPv6 ff00::/8) on INTERFACE, or without %INTERFACE on every interface that is up and can do multicast. Repeatable: several groups on one port. A datagram that came through a group is printed with &quot;via GROUP&quot; after the sender (JSON: &quot;group&quot;).</source>
        <translation>在网络接口 INTERFACE 上加入组播组 GROUP（IPv4 224.0.0.0/4 或 IPv6 ff00::/8）；不写 %INTERFACE 时在所有已启用且支持组播的接口上加入。可重复使用：一个端口上可加入多个组。经组播组收到的数据报在发送方之后显示“via GROUP”（JSON 中为 &quot;group&quot;）。</translation>
    </message>
    <message>
        <source>Datagrams to a multicast group do not reach listeners on this computer (by default they do).</source>
        <translation>发往组播组的数据报不送达本机上的监听者（默认会送达）。</translation>
    </message>
    <message>
        <source>The nickname others see (default: the login name).</source>
        <translation>别人看到的昵称（默认：登录名）。</translation>
    </message>
    <message>
        <source>The group others see.</source>
        <translation>别人看到的群组。</translation>
    </message>
    <message>
        <source>UDP and TCP port (default 2425; 0 = any free port).</source>
        <translation>UDP 和 TCP 端口（默认 2425；0 = 任一空闲端口）。</translation>
    </message>
    <message>
        <source>Save every file and folder offered under &lt;DIR&gt;, and report each one.</source>
        <translation>把收到的每个文件和文件夹保存到 &lt;DIR&gt; 下，并逐个报告。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>One JSON object per peer, message or file.</source>
        <translation>每个联系人、消息或文件输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Stop after &lt;N&gt; messages (and their files).</source>
        <translation>收到 &lt;N&gt; 条消息（及其文件）后停止。</translation>
    </message>
    <message>
        <source>Stop after &lt;S&gt; seconds.</source>
        <translation>&lt;S&gt; 秒后停止。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Do not announce yourself by broadcast; only those who write to you see you.</source>
        <translation>不通过广播宣告自己；只有给你发消息的人能看到你。</translation>
    </message>
    <message>
        <source>Usage: %1 ipmsg listen [options]

Announce yourself to IP Messenger users on the LAN (iptux, FeiQ, udpchat) and print
each person who appears and each message, one line or one JSON object each.

</source>
        <translation>用法：%1 ipmsg listen [选项]

向局域网上的 IP Messenger 用户（iptux、飞秋、udpchat）宣告自己，并输出
出现的每个联系人和每条消息，每项一行或一个 JSON 对象。

</translation>
    </message>
    <message>
        <source>The peer: HOST or HOST:PORT (default port 2425).</source>
        <translation>对方：主机 或 主机:端口（默认端口 2425）。</translation>
    </message>
    <message>
        <source>HOST[:PORT]</source>
        <translation>主机[:端口]</translation>
    </message>
    <message>
        <source>The nickname the peer sees.</source>
        <translation>对方看到的昵称。</translation>
    </message>
    <message>
        <source>Offer this file or folder (repeatable).</source>
        <translation>发送此文件或文件夹（可重复）。</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Give up after &lt;S&gt; seconds (default 30).</source>
        <translation>&lt;S&gt; 秒后放弃（默认 30）。</translation>
    </message>
    <message>
        <source>Usage: %1 ipmsg send --to HOST[:PORT] [options] [TEXT]

Send TEXT (and --file attachments) to one IP Messenger peer. Exits 0 once the
receipt came and every attachment was fetched whole, 1 on timeout or failure.

</source>
        <translation>用法：%1 ipmsg send --to 主机[:端口] [选项] [文本]

向一个 IP Messenger 联系人发送文本（及 --file 附件）。收到回执且每个附件都被
完整取走后以 0 退出，超时或失败时以 1 退出。

</translation>
    </message>
    <message>
        <source>%1: receive and send plain UDP datagrams from a terminal or a script, with the
address, encoding and size rules of the udpchat window.

Usage: %1 listen [options]
       %1 send [options] HOST:PORT [TEXT]
       %1 chat [options] HOST:PORT
       %1 ipmsg listen [options]
       %1 ipmsg send --to HOST[:PORT] [options] [TEXT]
       %1 --help | --version
Run &apos;%1 listen --help&apos; or &apos;%1 send --help&apos; for one command.

</source>
        <translation>%1：在终端或脚本中接收和发送普通 UDP 数据报，使用与 udpchat 窗口相同的
地址、编码和大小规则。

用法：%1 listen [选项]
      %1 send [选项] 主机:端口 [文本]
      %1 chat [选项] 主机:端口
      %1 ipmsg listen [选项]
      %1 ipmsg send --to 主机[:端口] [选项] [文本]
      %1 --help | --version
运行“%1 listen --help”或“%1 send --help”查看单个命令。

</translation>
    </message>
    <message>
        <source>ipmsg listen takes no arguments, got &apos;%1&apos;.</source>
        <translation>ipmsg listen 不接受参数，却收到了“%1”。</translation>
    </message>
    <message>
        <source>invalid --timeout &apos;%1&apos;: use seconds, e.g. 10 or 2.5.</source>
        <translation>无效的 --timeout“%1”：请使用秒数，例如 10 或 2.5。</translation>
    </message>
    <message>
        <source>--to HOST[:PORT] is needed: the peer to send to.</source>
        <translation>需要 --to 主机[:端口]：要发送给的联系人。</translation>
    </message>
    <message>
        <source>nothing to send: give TEXT, --file, or both.</source>
        <translation>没有要发送的内容：请提供文本、--file，或两者。</translation>
    </message>
    <message>
        <source>use &apos;ipmsg listen&apos; or &apos;ipmsg send&apos;.</source>
        <translation>请使用“ipmsg listen”或“ipmsg send”。</translation>
    </message>
    <message>
        <source>UDP and TCP port to send and serve the files from (default 0 = any free port; iptux answers only to 2425).</source>
        <translation>发送消息和提供文件所用的 UDP 和 TCP 端口（默认 0 = 任一空闲端口；iptux 只回复到 2425）。</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Chat over plain UDP: every line you type is sent as one datagram to the target,
every datagram that arrives on the listening port is shown with its sender.</source>
        <translation>通过纯 UDP 聊天：你输入的每一行都作为一个数据报发送到目标，
监听端口上收到的每个数据报都会连同其发送者一起显示。</translation>
    </message>
    <message>
        <source>Listen on UDP port &lt;port&gt; for this run (0 = any free port).</source>
        <translation>本次运行监听 UDP 端口 &lt;port&gt;（0 = 任意空闲端口）。</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Send to &lt;host:port&gt; for this run, e.g. 192.168.0.102:6666 or [fe80::1%eth0]:6666.</source>
        <translation>本次运行发送到 &lt;host:port&gt;，例如 192.168.0.102:6666 或 [fe80::1%eth0]:6666。</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Keep settings in &lt;folder&gt; instead of ~/.config/udpchat. One udpchat at a time saves to a profile; a second one runs without saving.</source>
        <translation>把设置保存在 &lt;folder&gt; 中，而不是 ~/.config/udpchat。同一配置目录同一时间只有一个 udpchat 能保存设置；第二个运行时不保存。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>folder</translation>
    </message>
    <message>
        <source>Try &apos;%1 --help&apos; for the options.</source>
        <translation>请运行 &apos;%1 --help&apos; 查看可用选项。</translation>
    </message>
    <message>
        <source>%1: unexpected argument &apos;%2&apos;.</source>
        <translation>%1：多余的参数 &apos;%2&apos;。</translation>
    </message>
    <message>
        <source>Send and receive text in encoding &lt;name&gt; for this run. Available: %1.</source>
        <translation>本次运行以编码 &lt;name&gt; 发送和接收文字。可用的编码：%1。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Start in mode &lt;mode&gt; for this run: plain (chat over plain UDP) or ipmsg (IP Messenger: find people on the LAN, port 2425).</source>
        <translation>本次运行以模式 &lt;mode&gt; 启动：plain（普通 UDP 聊天）或 ipmsg（飞鸽传书/IP Messenger：发现局域网中的人，端口 2425）。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Your nickname in IP Messenger mode for this run (default: your login name).</source>
        <translation>本次运行在 IP Messenger 模式中使用的昵称（默认：登录名）。</translation>
    </message>
    <message>
        <source>invalid --bind-port &apos;%1&apos;: %2</source>
        <translation>无效的 --bind-port &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>invalid --target &apos;%1&apos;: %2</source>
        <translation>无效的 --target &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>unknown encoding &apos;%1&apos;; available: %2.</source>
        <translation>未知的编码 &apos;%1&apos;；可用的编码：%2。</translation>
    </message>
    <message>
        <source>invalid --mode &apos;%1&apos;: use plain or ipmsg.</source>
        <translation>无效的 --mode“%1”：请使用 plain 或 ipmsg。</translation>
    </message>
    <message>
        <source>invalid --nickname: use 1 to 64 characters on one line.</source>
        <translation>无效的 --nickname：请使用 1 到 64 个字符，且只占一行。</translation>
    </message>
    <message>
        <source>--profile needs a folder.</source>
        <translation>--profile 需要指定一个文件夹。</translation>
    </message>
    <message>
        <source>Join the multicast group GROUP (IPv4 224.0.0.0/4 or IPv6 ff00::/8) on INTERFACE, or on every interface that can do multicast, for this run. Repeatable.</source>
        <translation>本次运行在网络接口 INTERFACE 上（或在所有支持组播的接口上）加入组播组 GROUP（IPv4 224.0.0.0/4 或 IPv6 ff00::/8）。可重复使用。</translation>
    </message>
    <message>
        <source>GROUP[%INTERFACE]</source>
        <translation>GROUP[%INTERFACE]</translation>
    </message>
    <message>
        <source>invalid --join: %1</source>
        <translation>无效的 --join：%1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Type a message; Enter sends, Shift+Enter starts a new line</source>
        <translation>输入消息；按 Enter 发送，按 Shift+Enter 换行</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E):</translation>
    </message>
    <message>
        <source>How the message box is turned into bytes; Hex sends the bytes typed as hex, e.g. 48 65 6c 6c 6f</source>
        <translation>消息框的文字如何转换为字节；“十六进制”发送以十六进制输入的字节，例如 48 65 6c 6c 6f</translation>
    </message>
    <message>
        <source>Size of the datagram in the selected encoding</source>
        <translation>以所选编码计算的数据报大小</translation>
    </message>
    <message>
        <source>Re&amp;peat</source>
        <translation>重复发送(&amp;P)</translation>
    </message>
    <message>
        <source>Send the message again and again; {seq} in the text becomes 1, 2, 3 ...</source>
        <translation>反复发送这条消息；文字中的 {seq} 依次变为 1、2、3……</translation>
    </message>
    <message>
        <source>Time between two sends</source>
        <translation>两次发送之间的间隔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How many times to send; 0 sends until stopped</source>
        <translation>发送的次数；0 表示一直发送直到停止</translation>
    </message>
    <message>
        <source>× </source>
        <translation>× </translation>
    </message>
    <message>
        <source>&amp;Receive as:</source>
        <translation>接收编码(&amp;R):</translation>
    </message>
    <message>
        <source>How received datagrams are decoded, unless an encoding is remembered for their sender</source>
        <translation>如何解码接收到的数据报（除非已为其发送方记住了编码）</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>Send as one UDP datagram (Enter)</source>
        <translation>作为一个 UDP 数据报发送（Enter）</translation>
    </message>
    <message>
        <source>Type a valid target address and port first.</source>
        <translation>请先输入有效的目标地址和端口。</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Too large for one UDP datagram: at most %1 bytes can be sent to this target.</source>
        <translation>超出一个 UDP 数据报的容量：发往此目标最多 %1 字节。</translation>
    </message>
    <message>
        <source>Above %1 bytes the datagram is split into fragments on Ethernet; if any fragment is lost, the whole message is lost.</source>
        <translation>超过 %1 字节时，数据报在以太网上会被分片；任何一个分片丢失，整条消息都会丢失。</translation>
    </message>
    <message>
        <source>Type the message to repeat first.</source>
        <translation>请先输入要重复发送的消息。</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>停止(&amp;P)</translation>
    </message>
    <message>
        <source>Sending %1/%2…</source>
        <translation>正在发送 %1/%2……</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>正在发送 %1……</translation>
    </message>
    <message>
        <source>Repeat: %1 sent</source>
        <translation>重复发送：已发送 %1 次</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Show the bytes about to be sent, in hex, under the message box</source>
        <translation>在消息框下方以十六进制显示即将发送的字节</translation>
    </message>
    <message>
        <source> … (%1 more bytes)</source>
        <translation> …（另有 %1 个字节）</translation>
    </message>
    <message>
        <source>(no bytes)</source>
        <translation>（无字节）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send encoding</source>
        <translation>发送编码</translation>
    </message>
    <message>
        <source>Receive encoding</source>
        <translation>接收编码</translation>
    </message>
    <message>
        <source>Repeat interval</source>
        <translation>重复间隔</translation>
    </message>
    <message>
        <source>Repeat count</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>Bytes to be sent</source>
        <translation>即将发送的字节</translation>
    </message>
</context>
<context>
    <name>ConversationsPanel</name>
    <message>
        <source>History is off: conversations are not listed.</source>
        <translation>历史记录已关闭：不列出会话。</translation>
    </message>
    <message>
        <source>All messages (%1 unread)</source>
        <translation>全部消息（%1 条未读）</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 · %2 unread</source>
        <translation>%1 · %2 条未读</translation>
    </message>
    <message>
        <source>Last activity %1; %2 messages</source>
        <translation>最近活动 %1；共 %2 条消息</translation>
    </message>
    <message>
        <source>In the address book; no messages yet</source>
        <translation>在通讯录中；还没有消息</translation>
    </message>
    <message>
        <source>Name…</source>
        <translation>命名…</translation>
    </message>
    <message>
        <source>Remove from Favourites</source>
        <translation>从收藏中移除</translation>
    </message>
    <message>
        <source>Add to Favourites</source>
        <translation>加入收藏</translation>
    </message>
    <message>
        <source>Name Peer</source>
        <translation>命名对方</translation>
    </message>
    <message>
        <source>Name for %1 (empty: no name):</source>
        <translation>%1 的名称（留空表示不命名）：</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>回复 %1</translation>
    </message>
    <message>
        <source>%1 other senders, not listed (their messages are in All messages)</source>
        <translation>另有 %1 个发送方未列出（他们的消息在“全部消息”中）</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>IP Messenger: %1 on %2 at %3
%4</source>
        <translation>IP Messenger：%2 上的 %1，地址 %3
%4</translation>
    </message>
    <message>
        <source>IP Messenger conversation with %1</source>
        <translation>与 %1 的 IP Messenger 会话</translation>
    </message>
    <message>
        <source>Write to %1</source>
        <translation>写给 %1</translation>
    </message>
</context>
<context>
    <name>EndpointBar</name>
    <message>
        <source>Send &amp;to:</source>
        <translation>发送到(&amp;T):</translation>
    </message>
    <message>
        <source>Peer IP, e.g. 192.168.0.102</source>
        <translation>对方 IP，例如 192.168.0.102</translation>
    </message>
    <message>
        <source>IPv4 (192.168.0.102) or IPv6 (fd00::2, fe80::1%eth0) address of the peer</source>
        <translation>对方的 IPv4 地址（192.168.0.102）或 IPv6 地址（fd00::2、fe80::1%eth0）</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O):</translation>
    </message>
    <message>
        <source>6666</source>
        <translation>6666</translation>
    </message>
    <message>
        <source>UDP port the peer listens on (1 to 65535)</source>
        <translation>对方监听的 UDP 端口（1 到 65535）</translation>
    </message>
    <message>
        <source>&amp;Listen on port:</source>
        <translation>监听端口(&amp;L):</translation>
    </message>
    <message>
        <source>UDP port to receive on; messages are also sent from it, so peers can reply</source>
        <translation>用于接收的 UDP 端口；消息也从该端口发出，以便对方回复</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Stop listening on the current port and listen on this one</source>
        <translation>停止监听当前端口，改为监听此端口</translation>
    </message>
    <message>
        <source>Everyone on %1&apos;s subnet (%2)</source>
        <translation>%1 所在子网的所有人（%2）</translation>
    </message>
    <message>
        <source>Everyone on the local network (255.255.255.255)</source>
        <translation>本地网络的所有人（255.255.255.255）</translation>
    </message>
    <message>
        <source>any free</source>
        <translation>任意空闲</translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>广播</translation>
    </message>
    <message>
        <source>Send to everyone on a network: choose a broadcast address as the target. Routers do not forward broadcasts, and some Wi-Fi networks drop them.</source>
        <translation>发送给网络中的所有人：选择一个广播地址作为目标。路由器不会转发广播，有些 Wi-Fi 网络会丢弃广播。</translation>
    </message>
    <message>
        <source>That is udpchat itself: it listens on port %1 of this computer, so what you send comes back here. Type the address and port of the peer.</source>
        <translation>这是 udpchat 自己：它在本机的端口 %1 上监听，所以你发送的内容会回到这里。请输入对方的地址和端口。</translation>
    </message>
    <message>
        <source>Port %1 is not applied yet: press Enter or Apply to listen on it (udpchat still listens on %2).</source>
        <translation>端口 %1 尚未应用：按 Enter 或点击“应用”即可在该端口上监听（udpchat 仍在 %2 上监听）。</translation>
    </message>
    <message>
        <source>Target address</source>
        <translation>目标地址</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <source>Listen on port</source>
        <translation>监听端口</translation>
    </message>
</context>
<context>
    <name>EndpointParser</name>
    <message>
        <source>Write an IPv6 target as [address]:port, for example [::1]:6666.</source>
        <translation>IPv6 目标请写成 [地址]:端口，例如 [::1]:6666。</translation>
    </message>
    <message>
        <source>Brackets are only for IPv6 addresses; write IPv4 as address:port.</source>
        <translation>方括号只用于 IPv6 地址；IPv4 请写成 地址:端口。</translation>
    </message>
    <message>
        <source>The target needs a port, for example 127.0.0.1:6666.</source>
        <translation>目标需要包含端口，例如 127.0.0.1:6666。</translation>
    </message>
    <message>
        <source>Type the IP address of the peer, for example 192.168.0.102.</source>
        <translation>请输入对方的 IP 地址，例如 192.168.0.102。</translation>
    </message>
    <message>
        <source>0.0.0.0 and :: mean &quot;any address&quot; and cannot be a target; use 127.0.0.1 for this computer.</source>
        <translation>0.0.0.0 和 :: 表示“任意地址”，不能作为目标；要发给本机请使用 127.0.0.1。</translation>
    </message>
    <message>
        <source>Type the port in the Port field, not after the address.</source>
        <translation>请把端口填在“端口”框中，不要写在地址后面。</translation>
    </message>
    <message>
        <source>Type the IPv6 address without brackets.</source>
        <translation>请输入不带方括号的 IPv6 地址。</translation>
    </message>
    <message>
        <source>Type all four parts as plain decimal numbers without leading zeros, for example 10.0.0.1.</source>
        <translation>请把四个部分都写成普通的十进制数，不带前导零，例如 10.0.0.1。</translation>
    </message>
    <message>
        <source>Each part of an IPv4 address is a number from 0 to 255.</source>
        <translation>IPv4 地址的每个部分都是 0 到 255 之间的数。</translation>
    </message>
    <message>
        <source>Host names are not looked up; type an IP address (127.0.0.1 for this computer).</source>
        <translation>不会解析主机名；请输入 IP 地址（本机为 127.0.0.1）。</translation>
    </message>
    <message>
        <source>This is not a valid IPv6 address.</source>
        <translation>这不是有效的 IPv6 地址。</translation>
    </message>
    <message>
        <source>A link-local IPv6 address needs its interface, for example fe80::1%eth0.</source>
        <translation>链路本地 IPv6 地址需要指定网络接口，例如 fe80::1%eth0。</translation>
    </message>
    <message>
        <source>This computer has no network interface of that name (after the %).</source>
        <translation>本机没有该名称（% 之后的部分）的网络接口。</translation>
    </message>
    <message>
        <source>This is not an IP address; type one like 192.168.0.102 or fd00::2.</source>
        <translation>这不是 IP 地址；请输入类似 192.168.0.102 或 fd00::2 的地址。</translation>
    </message>
    <message>
        <source>Type the port the peer listens on (1 to 65535).</source>
        <translation>请输入对方监听的端口（1 到 65535）。</translation>
    </message>
    <message>
        <source>The port is a decimal number from 1 to 65535.</source>
        <translation>端口是 1 到 65535 之间的十进制数。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口必须是 1 到 65535 之间的数。</translation>
    </message>
</context>
<context>
    <name>ErrorThrottle</name>
    <message numerus="yes">
        <source>%1 (%n more)</source>
        <translation>
            <numerusform>%1（另有 %n 条）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export Search Results</source>
        <translation>导出搜索结果</translation>
    </message>
    <message>
        <source>Export Conversation</source>
        <translation>导出会话</translation>
    </message>
    <message>
        <source>Not exported: %1 cannot be written: %2</source>
        <translation>未导出：无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n messages to %1.</source>
        <translation>
            <numerusform>已将 %n 条消息导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not changed.</source>
        <translation>导出已取消；%1 未被更改。</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <source>Text log (*.txt);;CSV (*.csv);;JSON Lines (*.jsonl);;Wireshark capture (*.pcapng)</source>
        <translation>文本记录 (*.txt);;CSV (*.csv);;JSON Lines (*.jsonl);;Wireshark 抓包文件 (*.pcapng)</translation>
    </message>
</context>
<context>
    <name>GroupsDialog</name>
    <message>
        <source>not joined: %1</source>
        <translation>未加入：%1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>在 %1 上</translation>
    </message>
    <message>
        <source>Multicast Groups</source>
        <translation>组播组</translation>
    </message>
    <message>
        <source>Datagrams sent to a group you join arrive in the message list like any other. A group is joined on every interface that can do multicast, or on one: 239.255.77.1%eth0. The groups are joined again at the next start.</source>
        <translation>发往已加入组的数据报会像其他消息一样出现在消息列表中。组会在所有支持组播的网络接口上加入，也可以只在一个接口上加入：239.255.77.1%eth0。下次启动时会重新加入这些组。</translation>
    </message>
    <message>
        <source>Group, e.g. 239.255.77.1 or ff12::2115</source>
        <translation>组地址，例如 239.255.77.1 或 ff12::2115</translation>
    </message>
    <message>
        <source>Group to join</source>
        <translation>要加入的组</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>退出(&amp;L)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Joined groups</source>
        <translation>已加入的组</translation>
    </message>
    <message>
        <source>Messages</source>
        <extracomment>Column: how many messages arrived through the group</extracomment>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Sending to a group:</source>
        <translation>发送到组：</translation>
    </message>
    <message>
        <source>&amp;TTL / hops:</source>
        <translation>TTL / 跳数(&amp;T)：</translation>
    </message>
    <message>
        <source>How many routers a datagram to a group may cross; 1 keeps it in this network, 0 on this computer.</source>
        <translation>发往组的数据报最多可经过多少个路由器；1 表示只在本网络内，0 表示只在本机。</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>接口(&amp;I)：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Where datagrams to a group go out. Automatic: the only LAN interface, or the one the system routes to.</source>
        <translation>发往组的数据报从哪个接口发出。自动：唯一的局域网接口，或系统路由选择的接口。</translation>
    </message>
    <message>
        <source>&amp;Hear my own sends to a group</source>
        <translation>接收自己发往组的消息(&amp;H)</translation>
    </message>
</context>
<context>
    <name>HexCodec</name>
    <message>
        <source>&apos;%1&apos; at position %2 is not a hex digit.</source>
        <translation>位置 %2 处的 &apos;%1&apos; 不是十六进制数字。</translation>
    </message>
    <message>
        <source>&apos;0x&apos; at position %1 has no hex digits after it.</source>
        <translation>位置 %1 处的 &apos;0x&apos; 后面没有十六进制数字。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at position %2 has an odd number of hex digits; write each byte as two digits, for example 0a.</source>
        <translation>位置 %2 处的 &apos;%1&apos; 含奇数个十六进制数字；每个字节请写成两位数字，例如 0a。</translation>
    </message>
</context>
<context>
    <name>HistoryDocks</name>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;Export Conversation…</source>
        <translation>导出会话(&amp;E)…</translation>
    </message>
    <message>
        <source>Add Target to &amp;Favourites</source>
        <translation>将目标加入收藏(&amp;F)</translation>
    </message>
    <message>
        <source>History &amp;Limits…</source>
        <translation>历史上限(&amp;L)…</translation>
    </message>
    <message>
        <source>History off</source>
        <translation>历史记录已关闭</translation>
    </message>
    <message>
        <source>No history database is used.</source>
        <translation>未使用历史数据库。</translation>
    </message>
    <message>
        <source>History read-only</source>
        <translation>历史记录只读</translation>
    </message>
    <message>
        <source>Another udpchat window owns this profile: its history is shown, but messages of this window are not saved.</source>
        <translation>另一个 udpchat 窗口正在使用此配置：会显示其历史记录，但本窗口的消息不会被保存。</translation>
    </message>
    <message>
        <source>History not saving</source>
        <translation>历史记录未能保存</translation>
    </message>
    <message>
        <source>That message is no longer in the history, or too far back to show with every newer one; export the search results to read it.</source>
        <translation>该消息已不在历史记录中，或者太久远，无法与所有较新的消息一起显示；请导出搜索结果来查看它。</translation>
    </message>
    <message>
        <source>History Limits</source>
        <translation>历史上限</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Older messages beyond these limits are deleted from the history (the status bar counts them).</source>
        <translation>超出这些上限的较旧消息会从历史记录中删除（状态栏会显示删除的数量）。</translation>
    </message>
    <message>
        <source>Keep at most (messages):</source>
        <translation>最多保留（条消息）：</translation>
    </message>
    <message>
        <source>Keep for at most:</source>
        <translation>最长保留：</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <source>History database error: %1</source>
        <translation>历史数据库错误：%1</translation>
    </message>
    <message>
        <source>History is off: the Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation>历史记录已关闭：未安装 Qt SQLite 驱动（QSQLITE）。</translation>
    </message>
    <message>
        <source>History is off: %1 does not exist and this window may not create it.</source>
        <translation>历史记录已关闭：%1 不存在，且此窗口不能创建它。</translation>
    </message>
    <message>
        <source>History is off: cannot create the folder %1.</source>
        <translation>历史记录已关闭：无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>History is off: cannot open %1: %2</source>
        <translation>历史记录已关闭：无法打开 %1：%2</translation>
    </message>
    <message>
        <source>History is off: %1 is not a readable database: %2</source>
        <translation>历史记录已关闭：%1 不是可读取的数据库：%2</translation>
    </message>
    <message>
        <source>History is off: %1 was written by a newer udpchat (schema %2; this one knows %3). It is left untouched.</source>
        <translation>历史记录已关闭：%1 由较新版本的 udpchat 写入（格式版本 %2；本版本只认识 %3）。该文件保持不变。</translation>
    </message>
    <message>
        <source>History is off: %1</source>
        <translation>历史记录已关闭：%1</translation>
    </message>
    <message>
        <source>History is off: %1 has an older layout that only the window owning the profile may update.</source>
        <translation>历史记录已关闭：%1 是旧格式，只有拥有此配置的窗口才能升级它。</translation>
    </message>
    <message>
        <source>History not saved: %1</source>
        <translation>历史记录未保存：%1</translation>
    </message>
    <message>
        <source>History could not be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>The history file could not be used (%1); it was moved to %2 and a new history was started.</source>
        <translation>无法使用历史文件（%1）；已将其移到 %2，并开始了新的历史记录。</translation>
    </message>
    <message>
        <source>it belongs to another program (application id %1)</source>
        <translation>它属于另一个程序（应用程序标识 %1）</translation>
    </message>
    <message>
        <source>it is another program&apos;s database</source>
        <translation>它是另一个程序的数据库</translation>
    </message>
    <message>
        <source>its tables are not those of udpchat&apos;s history version %1</source>
        <translation>它的表与 udpchat 历史记录第 %1 版的表不一致</translation>
    </message>
    <message>
        <source>History is off: %1 is not udpchat&apos;s history: %2</source>
        <translation>历史记录已关闭：%1 不是 udpchat 的历史记录：%2</translation>
    </message>
    <message>
        <source>History is off: cannot write %1: %2</source>
        <translation>历史记录已关闭：无法写入 %1：%2</translation>
    </message>
    <message>
        <source>History not saving: %1 MB of messages are waiting to be written; newer ones are shown but not saved (counted in the status bar) until the disk catches up.</source>
        <translation>历史记录未保存：有 %1 MB 的消息正在等待写入；在磁盘跟上之前，更新的消息会显示但不会保存（在状态栏中计数）。</translation>
    </message>
    <message numerus="yes">
        <source>%n messages could not be written to the history (%1).</source>
        <translation>
            <numerusform>%n 条消息未能写入历史记录（%1）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IpMsgChat</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>IpMsgFileFetch</name>
    <message>
        <source>%1 stopped sending; the transfer was given up.</source>
        <translation>%1 停止了发送；已放弃传输。</translation>
    </message>
    <message>
        <source>%1 refused the connection on TCP port %2. A firewall there may block it: ask them to allow TCP port %2 for IP Messenger.</source>
        <translation>%1 拒绝了 TCP 端口 %2 上的连接。对方的防火墙可能阻止了它：请对方为 IP Messenger 放行 TCP 端口 %2。</translation>
    </message>
    <message>
        <source>The transfer from %1 failed: %2</source>
        <translation>来自 %1 的传输失败：%2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The folder from %1 was refused: %2</source>
        <translation>来自 %1 的文件夹被拒绝：%2</translation>
    </message>
    <message>
        <source>The file name from %1 was refused: %2</source>
        <translation>来自 %1 的文件名被拒绝：%2</translation>
    </message>
    <message>
        <source>%1 closed the connection before the end: %2 of %3 bytes came.</source>
        <translation>%1 在传输结束前关闭了连接：%3 字节中只收到 %2 字节。</translation>
    </message>
</context>
<context>
    <name>IpMsgFileServer</name>
    <message>
        <source>Cannot serve files on TCP port %1: %2</source>
        <translation>无法在 TCP 端口 %1 上提供文件：%2</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Refused a file request from %1: %2 transfers are running already.</source>
        <translation>已拒绝来自 %1 的文件请求：已有 %2 个传输在进行。</translation>
    </message>
    <message>
        <source>The peer closed the connection.</source>
        <translation>对方关闭了连接。</translation>
    </message>
    <message>
        <source>The transfer stalled and was stopped.</source>
        <translation>传输停滞，已停止。</translation>
    </message>
    <message>
        <source>No request came; the connection was closed.</source>
        <translation>没有收到请求；连接已关闭。</translation>
    </message>
    <message>
        <source>Refused a file request from %1: it is not one.</source>
        <translation>已拒绝来自 %1 的文件请求：它不是有效的请求。</translation>
    </message>
    <message>
        <source>Refused a file request from %1: %2</source>
        <translation>已拒绝来自 %1 的文件请求：%2</translation>
    </message>
    <message>
        <source>it is not one.</source>
        <translation>它不是有效的请求。</translation>
    </message>
    <message>
        <source>nothing is offered under that number (released or expired).</source>
        <translation>该编号下没有提供任何文件（已撤回或已过期）。</translation>
    </message>
    <message>
        <source>those files were offered to %1.</source>
        <translation>这些文件是提供给 %1 的。</translation>
    </message>
    <message>
        <source>no such file in that offer.</source>
        <translation>该提供中没有这个文件。</translation>
    </message>
    <message>
        <source>it asks for a folder as a file, or a file as a folder.</source>
        <translation>它把文件夹当作文件请求，或把文件当作文件夹请求。</translation>
    </message>
    <message>
        <source>%1 cannot be read any more.</source>
        <translation>已无法读取 %1。</translation>
    </message>
    <message>
        <source>A file being sent could not be read.</source>
        <translation>无法读取正在发送的文件。</translation>
    </message>
    <message>
        <source>The transfer was cancelled by the sender.</source>
        <translation>发送方取消了传输。</translation>
    </message>
</context>
<context>
    <name>IpMsgFileSink</name>
    <message>
        <source>Not enough space: the file needs %1 and %2 has %3 free. Free some space or choose a folder on another disk.</source>
        <translation>空间不足：文件需要 %1，而 %2 只有 %3 可用。请释放一些空间，或选择另一个磁盘上的文件夹。</translation>
    </message>
    <message>
        <source>No permission to write in %1. Choose a folder you can write to.</source>
        <translation>没有在 %1 中写入的权限。请选择一个可以写入的文件夹。</translation>
    </message>
    <message>
        <source>The disk of %1 is full. Free some space, then receive the file again.</source>
        <translation>%1 所在的磁盘已满。请释放一些空间，然后重新接收文件。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The folder %1 does not exist. Choose another one.</source>
        <translation>文件夹 %1 不存在。请选择另一个。</translation>
    </message>
    <message>
        <source>Could not create the folder %1. Choose a folder you can write to.</source>
        <translation>无法创建文件夹 %1。请选择一个可以写入的文件夹。</translation>
    </message>
    <message>
        <source>%1 is not a folder inside %2; the file was not saved.</source>
        <translation>%1 不是 %2 内的文件夹；文件未保存。</translation>
    </message>
    <message>
        <source>The file is incomplete: %1 of %2 bytes; it stays as %3.</source>
        <translation>文件不完整：%2 字节中只收到 %1 字节；保留为 %3。</translation>
    </message>
    <message>
        <source>Could not rename %1 to its name; the file is complete as it is.</source>
        <translation>无法将 %1 重命名为其名称；文件本身是完整的。</translation>
    </message>
</context>
<context>
    <name>IpMsgFiles</name>
    <message>
        <source>the name contains a path separator (&apos;/&apos; or &apos;\&apos;)</source>
        <translation>名称中含有路径分隔符（“/”或“\”）</translation>
    </message>
    <message>
        <source>the name starts with a drive letter</source>
        <translation>名称以盘符开头</translation>
    </message>
    <message>
        <source>the name is empty or only dots and spaces</source>
        <translation>名称为空，或只有点和空格</translation>
    </message>
    <message>
        <source>the name is longer than %1 bytes</source>
        <translation>名称超过 %1 字节</translation>
    </message>
    <message>
        <source>a folder header does not start with its size</source>
        <translation>文件夹数据头没有以其长度开头</translation>
    </message>
    <message>
        <source>a folder header has a bad size</source>
        <translation>文件夹数据头的长度无效</translation>
    </message>
    <message>
        <source>a folder header has too few fields</source>
        <translation>文件夹数据头的字段太少</translation>
    </message>
    <message>
        <source>a folder header has a bad size or type</source>
        <translation>文件夹数据头的大小或类型无效</translation>
    </message>
    <message>
        <source>the folder has more than %1 entries</source>
        <translation>文件夹中的条目超过 %1 个</translation>
    </message>
    <message>
        <source>the folder stream climbs above the folder offered</source>
        <translation>文件夹数据流试图越出所发送的文件夹</translation>
    </message>
    <message>
        <source>the folder stream does not start with a folder</source>
        <translation>文件夹数据流没有以文件夹开头</translation>
    </message>
    <message>
        <source>a name in the folder was refused: %1</source>
        <translation>文件夹中的一个名称被拒绝：%1</translation>
    </message>
    <message>
        <source>the folder is nested deeper than %1 levels</source>
        <translation>文件夹嵌套超过 %1 层</translation>
    </message>
</context>
<context>
    <name>IpMsgListenCommand</name>
    <message numerus="yes">
        <source>--timeout came after %n message(s).</source>
        <translation>
            <numerusform>已收到 %n 条消息时 --timeout 到期。</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot save files: %1 is not a folder.</source>
        <translation>无法保存文件：%1 不是文件夹。</translation>
    </message>
    <message>
        <source>cannot listen: %1.</source>
        <translation>无法监听：%1。</translation>
    </message>
    <message>
        <source>listening on UDP port %1 for IP Messenger as %2</source>
        <translation>以 %2 的身份在 UDP 端口 %1 上监听 IP Messenger</translation>
    </message>
    <message>
        <source>cannot write the output: %1</source>
        <translation>无法写出输出：%1</translation>
    </message>
</context>
<context>
    <name>IpMsgOffers</name>
    <message>
        <source>These files are being received already; wait or cancel.</source>
        <translation>这些文件正在接收中；请等待或取消。</translation>
    </message>
    <message>
        <source>These files are no longer offered.</source>
        <translation>这些文件已不再提供。</translation>
    </message>
    <message>
        <source>No file was chosen.</source>
        <translation>没有选择文件。</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n item(s) in %1.</source>
        <translation>
            <numerusform>已将 %n 项保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 received %2.</source>
        <translation>%1 已收到 %2。</translation>
    </message>
</context>
<context>
    <name>IpMsgPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Announce yourself again; everyone on the LAN answers.</source>
        <translation>重新宣告自己上线；局域网中的每个人都会应答。</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群组</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后出现</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Message to the selected person</source>
        <translation>发给所选对象的消息</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>发给 %1:</translation>
    </message>
    <message>
        <source>Choose a person above.</source>
        <translation>请在上方选择一个人。</translation>
    </message>
    <message>
        <source>%1 (group %2)</source>
        <translation>%1（群组 %2）</translation>
    </message>
    <message>
        <source>IP Messenger: listening on UDP port %1 as %2.</source>
        <translation>IP Messenger：以 %2 的身份在 UDP 端口 %1 上监听。</translation>
    </message>
    <message>
        <source>IP Messenger: not listening: %1</source>
        <translation>IP Messenger：未监听：%1</translation>
    </message>
    <message>
        <source>IP Messenger: off.</source>
        <translation>IP Messenger：已关闭。</translation>
    </message>
    <message numerus="yes">
        <source>People on the LAN: %n</source>
        <translation>
            <numerusform>局域网中的人：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Nickname:</source>
        <translation>昵称(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>群组(&amp;G):</translation>
    </message>
    <message>
        <source>your login name</source>
        <translation>你的登录名</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) ignored</source>
        <translation>
            <numerusform>已忽略 %n 个数据包</numerusform>
        </translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>%1 (chosen)</source>
        <translation>%1（已选择）</translation>
    </message>
    <message>
        <source>Messages to and from this person are converted with this encoding. Right-click to choose another.</source>
        <translation>与此人往来的消息按此编码转换。右键单击可选择其他编码。</translation>
    </message>
    <message>
        <source>Encoding for %1</source>
        <translation>%1 的编码</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>People on the LAN</source>
        <translation>局域网中的人</translation>
    </message>
    <message>
        <source>IP Messenger messages</source>
        <translation>IP Messenger 消息</translation>
    </message>
    <message>
        <source>Message to the selected person; Enter sends, Shift+Enter starts a new line</source>
        <translation>发给所选联系人的消息；按 Enter 发送，按 Shift+Enter 换行</translation>
    </message>
    <message>
        <source>%1
%2 (%3)</source>
        <translation>%1
%2（%3）</translation>
    </message>
    <message>
        <source>Messages with the person you choose above appear here.</source>
        <translation>与上方所选联系人的消息显示在这里。</translation>
    </message>
    <message numerus="yes">
        <source>To %1 and %n more:</source>
        <translation>
            <numerusform>发给 %1 和另外 %n 人：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not on the LAN now.</source>
        <translation>%1 现在不在局域网上。</translation>
    </message>
    <message>
        <source>Some characters do not exist in %1, the encoding of this person.</source>
        <translation>有些字符在此联系人使用的编码 %1 中不存在。</translation>
    </message>
    <message>
        <source>%1 of %2 bytes in %3</source>
        <translation>%1 / %2 字节（%3）</translation>
    </message>
    <message>
        <source>%1 (away)</source>
        <translation>%1（离开）</translation>
    </message>
    <message>
        <source>Away: messages are still delivered; they may be read later.</source>
        <translation>离开：消息仍会送达，对方可能稍后才读。</translation>
    </message>
    <message>
        <source>Send Folder</source>
        <translation>发送文件夹</translation>
    </message>
    <message>
        <source>Send Files</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Choose a person above, then the files.</source>
        <translation>请先在上方选择联系人，再选择文件。</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Send files or a folder to the people chosen; you can also drop them here.</source>
        <translation>向所选联系人发送文件或文件夹；也可以把它们拖放到这里。</translation>
    </message>
    <message>
        <source>Send Files…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <source>Send Folder…</source>
        <translation>发送文件夹…</translation>
    </message>
    <message>
        <source>Seal (ask for a read notice)</source>
        <translation>密封（请求已读通知）</translation>
    </message>
    <message>
        <source>The person is told the message is sealed, and their program says when they opened it: the message then shows Read.</source>
        <translation>对方会被告知这是密封消息，并在打开时由其程序告知：消息随后显示为“已读”。</translation>
    </message>
    <message>
        <source>Choose Everyone in Group %1</source>
        <translation>选择群组 %1 中的所有人</translation>
    </message>
    <message>
        <source>Counting the files to send…</source>
        <translation>正在统计要发送的文件…</translation>
    </message>
    <message>
        <source>Counting the files in %1…</source>
        <translation>正在统计 %1 中的文件…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop counting; nothing is sent</source>
        <translation>停止统计；不发送任何内容</translation>
    </message>
</context>
<context>
    <name>IpMsgSendCommand</name>
    <message>
        <source>no answer from %1: is IP Messenger running there, on UDP port %2?</source>
        <translation>%1 没有应答：那里是否在 UDP 端口 %2 上运行着 IP Messenger？</translation>
    </message>
    <message>
        <source>sent, but no receipt came.</source>
        <translation>已发送，但没有收到回执。</translation>
    </message>
    <message>
        <source>delivered; %1 of %2 files were fetched.</source>
        <translation>已送达；%2 个文件中有 %1 个被取走。</translation>
    </message>
    <message>
        <source>cannot listen: %1.</source>
        <translation>无法监听：%1。</translation>
    </message>
    <message>
        <source>sent, but no receipt came after every retry.</source>
        <translation>已发送，但所有重试之后都没有收到回执。</translation>
    </message>
    <message>
        <source>delivered.</source>
        <translation>已送达。</translation>
    </message>
    <message>
        <source>delivered; every file was fetched whole.</source>
        <translation>已送达；每个文件都已被完整取走。</translation>
    </message>
    <message>
        <source>the peer rejected the files.</source>
        <translation>对方拒绝了这些文件。</translation>
    </message>
</context>
<context>
    <name>IpMsgSession</name>
    <message>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>not confirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Not sent: IP Messenger mode is not listening on a port.</source>
        <translation>未发送：IP Messenger 模式没有在任何端口上监听。</translation>
    </message>
    <message>
        <source>Not sent: that peer is no longer in the list. Refresh and choose it again.</source>
        <translation>未发送：该对象已不在列表中。请刷新后重新选择。</translation>
    </message>
    <message>
        <source>Not sent: the message is empty.</source>
        <translation>未发送：消息为空。</translation>
    </message>
    <message>
        <source>Not sent: %1 cannot represent %2, the encoding %3 uses.</source>
        <translation>未发送：%1（%3 使用的编码）无法表示 %2。</translation>
    </message>
    <message>
        <source>Not sent: the message is %1 bytes; IP Messenger peers accept at most %2 per message. Split it into shorter messages.</source>
        <translation>未发送：消息有 %1 字节；IP Messenger 对方每条消息最多接受 %2 字节。请拆分成较短的消息。</translation>
    </message>
    <message>
        <source>Not sent: no file was chosen.</source>
        <translation>未发送：没有选择文件。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>That file is not offered in this message.</source>
        <translation>此消息中没有提供该文件。</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>These files were rejected; the sender no longer offers them.</source>
        <translation>这些文件已被拒绝；发送者不再提供它们。</translation>
    </message>
    <message>
        <source>The sender withdrew these files.</source>
        <translation>发送者已撤回这些文件。</translation>
    </message>
</context>
<context>
    <name>ListenCommand</name>
    <message>
        <source>socket error while listening: %1</source>
        <translation>监听时发生套接字错误：%1</translation>
    </message>
    <message>
        <source>cannot listen: %1.</source>
        <translation>无法监听：%1。</translation>
    </message>
    <message>
        <source>listening on UDP port %1 (IPv4 and IPv6), decoding %2</source>
        <translation>正在监听 UDP 端口 %1（IPv4 和 IPv6），按 %2 解码</translation>
    </message>
    <message>
        <source>stopped by SIGINT</source>
        <translation>因 SIGINT 停止</translation>
    </message>
    <message>
        <source>stopped by SIGTERM</source>
        <translation>因 SIGTERM 停止</translation>
    </message>
    <message>
        <source>stopped by signal %1</source>
        <translation>因信号 %1 停止</translation>
    </message>
    <message>
        <source>--timeout came after %1 of %2 datagrams</source>
        <translation>--timeout 时间已到，%2 个数据报只收到了 %1 个</translation>
    </message>
    <message>
        <source>--timeout reached</source>
        <translation>--timeout 时间已到</translation>
    </message>
    <message>
        <source>cannot write to standard output (%1)</source>
        <translation>无法写入标准输出（%1）</translation>
    </message>
    <message>
        <source>--count reached</source>
        <translation>已达到 --count</translation>
    </message>
    <message>
        <source>%1 by the kernel</source>
        <translation>被内核丢弃 %1 个</translation>
    </message>
    <message>
        <source>unknown by the kernel</source>
        <translation>被内核丢弃的数量未知</translation>
    </message>
    <message>
        <source>%1; received: %2 (%3 bytes); dropped: %4 by udpchat-cli, %5</source>
        <translation>%1；已接收：%2 个（%3 字节）；已丢弃：被 udpchat-cli 丢弃 %4 个，%5</translation>
    </message>
    <message>
        <source>(empty datagram)</source>
        <translation>（空数据报）</translation>
    </message>
    <message>
        <source>(%1 bytes, not valid %2) hex: %3</source>
        <translation>（%1 字节，不是有效的 %2）十六进制：%3</translation>
    </message>
    <message>
        <source>joined multicast group %1 on %2</source>
        <translation>已在 %2 上加入组播组 %1</translation>
    </message>
    <message>
        <source>multicast group %1 is not joined now: %2</source>
        <translation>组播组 %1 当前未加入：%2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Clear Messages</source>
        <translation>清空消息(&amp;C)</translation>
    </message>
    <message>
        <source>Remove all messages from the view</source>
        <translation>从列表中移除所有消息</translation>
    </message>
    <message>
        <source>&amp;About udpchat</source>
        <translation>关于 udpchat(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Your &amp;Addresses…</source>
        <translation>本机地址(&amp;A)…</translation>
    </message>
    <message>
        <source>Not saving settings</source>
        <translation>不保存设置</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式:</translation>
    </message>
    <message>
        <source>Plain UDP</source>
        <translation>普通 UDP</translation>
    </message>
    <message>
        <source>IP Messenger</source>
        <translation>IP Messenger（飞鸽）</translation>
    </message>
    <message>
        <source>Plain UDP: send to an address and port you type. IP Messenger: find people on the LAN (IP Messenger, iptux, FeiQ) on port %1, with delivery confirmation.</source>
        <translation>普通 UDP：发送到你输入的地址和端口。IP Messenger：在端口 %1 上发现局域网中的人（IP Messenger、iptux、飞秋），并确认送达。</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message>
        <source>About udpchat</source>
        <translation>关于 udpchat</translation>
    </message>
    <message>
        <source>udpchat %1</source>
        <translation>udpchat %1</translation>
    </message>
    <message>
        <source>Chat over plain UDP with any program on your local network: every line is one datagram, exactly the bytes of the text.

Built with Qt %1 (running on %2).</source>
        <translation>通过纯 UDP 与本地网络中的任何程序聊天：每一行就是一个数据报，内容恰好是文本的字节。

使用 Qt %1 构建（当前运行于 Qt %2）。</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>&amp;Find in History…</source>
        <translation>在历史记录中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Plain &amp;UDP Mode</source>
        <translation>普通 UDP 模式(&amp;U)</translation>
    </message>
    <message>
        <source>IP &amp;Messenger Mode</source>
        <translation>IP Messenger 模式(&amp;M)</translation>
    </message>
    <message>
        <source>Multicast &amp;Groups…</source>
        <translation>组播组(&amp;G)…</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Always Decode %1 As</source>
        <translation>始终将 %1 解码为</translation>
    </message>
    <message>
        <source>Forget (Use the Receive Encoding, %1)</source>
        <translation>忘记（使用接收编码 %1）</translation>
    </message>
    <message>
        <source>Messages from %1 are now decoded as %2.</source>
        <translation>来自 %1 的消息现在按 %2 解码。</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>%1 · %2 · not valid %3</source>
        <extracomment>Header of a received message whose bytes were not valid in the encoding</extracomment>
        <translation>%1 · %2 · 不是有效的 %3</translation>
    </message>
    <message>
        <source>To %1 · %2 · Sent</source>
        <extracomment>Header of a message we sent; %1 is ip:port, %2 the time. &quot;Sent&quot; is not &quot;delivered&quot;.</extracomment>
        <translation>发往 %1 · %2 · 已发送</translation>
    </message>
    <message>
        <source>To %1 · %2 · Failed: %3</source>
        <translation>发往 %1 · %2 · 失败：%3</translation>
    </message>
    <message>
        <source>(empty datagram)</source>
        <translation>（空数据报）</translation>
    </message>
    <message>
        <source>1 more line</source>
        <translation>还有 1 行</translation>
    </message>
    <message>
        <source>%1 more lines</source>
        <translation>还有 %1 行</translation>
    </message>
    <message>
        <source>1 more character</source>
        <translation>还有 1 个字符</translation>
    </message>
    <message>
        <source>%1 more characters</source>
        <translation>还有 %1 个字符</translation>
    </message>
    <message>
        <source>1 combining mark not shown</source>
        <translation>1 个组合字符未显示</translation>
    </message>
    <message>
        <source>%1 combining marks not shown</source>
        <translation>%1 个组合字符未显示</translation>
    </message>
    <message>
        <source>… %1 (right-click to show the whole message)</source>
        <extracomment>%1 lists what is not shown; the context menu has &quot;Show Whole Message&quot;</extracomment>
        <translation>… %1（右键单击可显示完整消息）</translation>
    </message>
    <message>
        <source>To %1 · %2 · Waiting for receipt</source>
        <extracomment>Header of an IP Messenger message sent, its receipt not here yet (retrying)</extracomment>
        <translation>发给 %1 · %2 · 等待回执</translation>
    </message>
    <message>
        <source>To %1 · %2 · Delivered</source>
        <extracomment>Header of an IP Messenger message whose receipt came</extracomment>
        <translation>发给 %1 · %2 · 已送达</translation>
    </message>
    <message>
        <source>To %1 · %2 · Not confirmed (no receipt)</source>
        <extracomment>Header of an IP Messenger message with no receipt after every retry</extracomment>
        <translation>发给 %1 · %2 · 未确认（没有回执）</translation>
    </message>
    <message>
        <source> · via %1</source>
        <extracomment>Ends the header of a message sent to a multicast group; %1 is the group, e.g. 239.255.77.1</extracomment>
        <translation> · 经组播组 %1</translation>
    </message>
    <message>
        <source>To %1 · %2 · Read</source>
        <extracomment>Header of a sealed IP Messenger message the peer opened</extracomment>
        <translation>发给 %1 · %2 · 已读</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>an empty datagram</source>
        <translation>一个空数据报</translation>
    </message>
    <message>
        <source>Received from %1 at %2: %3</source>
        <translation>%2 收到来自 %1 的消息：%3</translation>
    </message>
    <message>
        <source>Sent to %1 at %2: %3</source>
        <translation>%2 发送给 %1：%3</translation>
    </message>
    <message>
        <source>Not sent to %1 at %2 (%3): %4</source>
        <translation>%2 未能发送给 %1（%3）：%4</translation>
    </message>
    <message>
        <source>Delivered to %1, sent at %2: %3</source>
        <translation>已送达 %1，发送于 %2：%3</translation>
    </message>
    <message>
        <source>Sent to %1 at %2, not confirmed: %3</source>
        <translation>于 %2 发给 %1，未确认：%3</translation>
    </message>
    <message>
        <source>Received from %1 via group %2 at %3: %4</source>
        <extracomment>%2 is the multicast group the message was sent to, e.g. 239.255.77.1</extracomment>
        <translation>%3 经组播组 %2 收到来自 %1 的消息：%4</translation>
    </message>
    <message>
        <source>Read by %1, sent at %2: %3</source>
        <translation>%1 已读，发送于 %2：%3</translation>
    </message>
</context>
<context>
    <name>MessageMenu</name>
    <message>
        <source>Show Whole Message…</source>
        <translation>显示完整消息…</translation>
    </message>
    <message>
        <source>Copy Text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>Show Bytes (Hex)…</source>
        <translation>显示字节（十六进制）…</translation>
    </message>
    <message>
        <source>Reply to Sender</source>
        <translation>回复发送者</translation>
    </message>
    <message>
        <source>Decode As</source>
        <translation>解码为</translation>
    </message>
    <message>
        <source>Message – %1</source>
        <translation>消息 – %1</translation>
    </message>
    <message>
        <source>%1 bytes; shown as text in %2</source>
        <translation>%1 字节；以 %2 显示为文字</translation>
    </message>
    <message>
        <source>Bytes – %1</source>
        <translation>字节 – %1</translation>
    </message>
</context>
<context>
    <name>Multicast</name>
    <message>
        <source>&apos;%1&apos; names no interface after &apos;%&apos;: write GROUP%INTERFACE, e.g. 239.255.77.1%eth0, or leave out &apos;%&apos; to join on every interface.</source>
        <translation>&apos;%1&apos; 在 &apos;%&apos; 之后没有写网络接口：请写成 GROUP%INTERFACE，例如 239.255.77.1%eth0，或者去掉 &apos;%&apos; 以在所有接口上加入。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a multicast group: %2</source>
        <translation>&apos;%1&apos; 不是组播组：%2</translation>
    </message>
    <message>
        <source>%1 is not a multicast group: use an IPv4 address from 224.0.0.0 to 239.255.255.255 (e.g. 239.255.77.1) or an IPv6 address starting with ff (e.g. ff12::2115).</source>
        <translation>%1 不是组播组：请使用 224.0.0.0 到 239.255.255.255 之间的 IPv4 地址（例如 239.255.77.1），或以 ff 开头的 IPv6 地址（例如 ff12::2115）。</translation>
    </message>
    <message>
        <source>this computer has no interface named &apos;%1&apos;, and none that is up and can do multicast.</source>
        <translation>本机没有名为 &apos;%1&apos; 的网络接口，也没有已启用且支持组播的接口。</translation>
    </message>
    <message>
        <source>this computer has no interface named &apos;%1&apos;; interfaces that can do multicast: %2.</source>
        <translation>本机没有名为 &apos;%1&apos; 的网络接口；支持组播的接口：%2。</translation>
    </message>
    <message>
        <source>the interface %1 is down (or has no link); bring it up or choose another one.</source>
        <translation>网络接口 %1 未启用（或未连接）；请启用它或选择其他接口。</translation>
    </message>
    <message>
        <source>the interface %1 cannot do multicast; choose another one.</source>
        <translation>网络接口 %1 不支持组播；请选择其他接口。</translation>
    </message>
    <message>
        <source>no interface that is up can send to the multicast group %1; connect to a network first.</source>
        <translation>没有已启用的网络接口能发送到组播组 %1；请先连接网络。</translation>
    </message>
    <message>
        <source>the system has no route to the multicast group %1; choose the interface to send on (one of: %2).</source>
        <translation>系统没有到组播组 %1 的路由；请选择用于发送的网络接口（可选：%2）。</translation>
    </message>
</context>
<context>
    <name>OfferActions</name>
    <message>
        <source>Save All</source>
        <extracomment>Button in the bubble of a message with files: saves them in the download folder</extracomment>
        <translation>全部保存</translation>
    </message>
    <message>
        <source>Save…</source>
        <extracomment>Button in the bubble of a message with files: choose which, and where</extracomment>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Withdraw Files</source>
        <translation>撤回文件</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>正在接收…</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>You rejected these files.</source>
        <translation>你已拒绝这些文件。</translation>
    </message>
    <message>
        <source>The recipient rejected these files.</source>
        <translation>接收者拒绝了这些文件。</translation>
    </message>
    <message>
        <source>The sender withdrew these files.</source>
        <translation>发送者已撤回这些文件。</translation>
    </message>
    <message>
        <source>You withdrew these files.</source>
        <translation>你已撤回这些文件。</translation>
    </message>
    <message>
        <source>No longer offered: the offer expired or the recipient left.</source>
        <translation>已不再提供：提供已过期，或接收者已离开。</translation>
    </message>
    <message>
        <source>The recipient received them.</source>
        <translation>接收者已收到这些文件。</translation>
    </message>
    <message>
        <source>Save All in %1</source>
        <translation>全部保存到 %1</translation>
    </message>
    <message>
        <source>Buttons: %1 (also in the message&apos;s menu)</source>
        <extracomment>Read out for a message with files; %1 lists the buttons, e.g. &quot;Save All, Save…, Reject&quot;</extracomment>
        <translation>按钮：%1（消息的菜单中也有）</translation>
    </message>
</context>
<context>
    <name>ProfileLock</name>
    <message>
        <source>The profile folder %1 cannot be created, so udpchat cannot tell whether another udpchat uses it.</source>
        <translation>无法创建配置目录 %1，因此 udpchat 无法判断是否有另一个 udpchat 正在使用它。</translation>
    </message>
    <message>
        <source>Another udpchat (process %1) is using the profile %2.</source>
        <translation>另一个 udpchat（进程 %1）正在使用配置目录 %2。</translation>
    </message>
    <message>
        <source>Another udpchat is using the profile %1.</source>
        <translation>另一个 udpchat 正在使用配置目录 %1。</translation>
    </message>
    <message>
        <source>The lock file %1 cannot be created (no permission, or the disk is full), so udpchat cannot tell whether another udpchat uses the profile.</source>
        <translation>无法创建锁文件 %1（没有权限，或磁盘已满），因此 udpchat 无法判断是否有另一个 udpchat 正在使用该配置目录。</translation>
    </message>
    <message>
        <source>The lock file %1 was left by udpchat process %2, which no longer runs, and cannot be replaced (is the disk full?), so udpchat cannot tell whether another udpchat uses the profile.</source>
        <translation>锁文件 %1 由已不再运行的 udpchat 进程 %2 留下，且无法替换（磁盘是否已满？），因此 udpchat 无法判断是否有另一个 udpchat 正在使用该配置目录。</translation>
    </message>
</context>
<context>
    <name>ReceiveStatus</name>
    <message>
        <source>Use a free port</source>
        <translation>改用空闲端口</translation>
    </message>
    <message>
        <source>Listening on UDP port %1 (IPv4 and IPv6)</source>
        <translation>正在监听 UDP 端口 %1（IPv4 和 IPv6）</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>未在监听：%1</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>未在监听</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>已接收 %1</translation>
    </message>
    <message>
        <source>%1: %2/s</source>
        <translation>%1：%2 个/秒</translation>
    </message>
    <message>
        <source>%1/s from %2</source>
        <translation>%1 个/秒，来自 %2</translation>
    </message>
    <message>
        <source>Datagrams per second in the last second:
%1</source>
        <translation>最近一秒每秒收到的数据报：
%1</translation>
    </message>
    <message>
        <source>%1 scrolled out</source>
        <translation>%1 条已移出视图</translation>
    </message>
    <message>
        <source>%1 pruned from history</source>
        <translation>%1 条已从历史中清理</translation>
    </message>
    <message>
        <source>%1 not saved to history</source>
        <translation>%1 条未存入历史</translation>
    </message>
    <message>
        <source>%1 dropped by the system</source>
        <translation>系统丢弃 %1</translation>
    </message>
    <message>
        <source>Network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <source>This computer: %1 (no network)</source>
        <translation>本机：%1（无网络）</translation>
    </message>
    <message>
        <source>This computer: %1</source>
        <translation>本机：%1</translation>
    </message>
    <message>
        <source>Peers send to this address and the port udpchat listens on. Click to see every address of this computer.</source>
        <translation>对方应发送到此地址以及 udpchat 监听的端口。点击可查看本机的所有地址。</translation>
    </message>
    <message>
        <source>%1/s from %2 (%3 ports)</source>
        <extracomment>%1 datagrams per second from the address %2, sent from %3 different ports</extracomment>
        <translation>%1 个/秒，来自 %2（%3 个端口）</translation>
    </message>
    <message>
        <source>%1 and groups %2</source>
        <translation>%1，以及组 %2</translation>
    </message>
</context>
<context>
    <name>SaveFilesDialog</name>
    <message>
        <source>%1/ (folder)</source>
        <translation>%1/（文件夹）</translation>
    </message>
    <message>
        <source>Save Files</source>
        <translation>保存文件</translation>
    </message>
    <message>
        <source>&amp;Files to save:</source>
        <translation>要保存的文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Save &amp;in:</source>
        <translation>保存到(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>Save Files in</source>
        <translation>将文件保存到</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search the whole history</source>
        <translation>搜索全部历史记录</translation>
    </message>
    <message>
        <source>Received and sent</source>
        <translation>收到的和发送的</translation>
    </message>
    <message>
        <source>Received only</source>
        <translation>仅收到的</translation>
    </message>
    <message>
        <source>Sent only</source>
        <translation>仅发送的</translation>
    </message>
    <message>
        <source>Only the conversation shown</source>
        <translation>仅当前显示的会话</translation>
    </message>
    <message>
        <source>Export Results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <source>History is off: nothing to search.</source>
        <translation>历史记录已关闭：没有可搜索的内容。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1  from %2: %3</source>
        <translation>%1  来自 %2：%3</translation>
    </message>
    <message>
        <source>%1  to %2: %3</source>
        <translation>%1  发往 %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n found so far…</source>
        <translation>
            <numerusform>目前已找到 %n 条…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The newest %n matches are shown; make the search narrower to see older ones.</source>
        <translation>
            <numerusform>显示最新的 %n 条匹配；请缩小搜索范围以查看更早的结果。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found.</source>
        <translation>
            <numerusform>找到 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>搜索文本</translation>
    </message>
    <message>
        <source>Messages to search</source>
        <translation>要搜索的消息</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>%1 · from %2</source>
        <translation>%1 · 来自 %2</translation>
    </message>
    <message>
        <source>%1 · to %2</source>
        <translation>%1 · 发给 %2</translation>
    </message>
</context>
<context>
    <name>SendCommand</name>
    <message>
        <source>cannot send: %1.</source>
        <translation>无法发送：%1。</translation>
    </message>
    <message>
        <source>stopped by %1; sent: %2, not sent: %3</source>
        <translation>因 %1 停止；已发送：%2，未发送：%3</translation>
    </message>
    <message>
        <source>Not sent: the text has characters that %1 cannot represent.</source>
        <translation>未发送：文本中有 %1 无法表示的字符。</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>more than %1</source>
        <translation>超过 %1</translation>
    </message>
    <message>
        <source>Not sent: %1 is %2 bytes; one UDP datagram holds at most %3.</source>
        <translation>未发送：%1 有 %2 字节，而一个 UDP 数据报最多容纳 %3 字节。</translation>
    </message>
    <message>
        <source>type lines to send to %1, one datagram each; Ctrl+D ends</source>
        <translation>请输入要发送到 %1 的内容，每行一个数据报；按 Ctrl+D 结束</translation>
    </message>
    <message>
        <source>cannot read standard input: %1</source>
        <translation>无法读取标准输入：%1</translation>
    </message>
    <message>
        <source>line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>Not sent: the line is more than %1 bytes; one UDP datagram holds at most %2.</source>
        <translation>未发送：该行超过 %1 字节，而一个 UDP 数据报最多容纳 %2 字节。</translation>
    </message>
    <message>
        <source>Not sent: the line is not valid UTF-8 text (use --hex or --file for raw bytes).</source>
        <translation>未发送：该行不是有效的 UTF-8 文本（原始字节请用 --hex 或 --file 发送）。</translation>
    </message>
    <message>
        <source>Not sent: the line has characters that %1 cannot represent.</source>
        <translation>未发送：该行中有 %1 无法表示的字符。</translation>
    </message>
    <message>
        <source>sent 1 byte to %1</source>
        <translation>已发送 1 字节到 %1</translation>
    </message>
    <message>
        <source>sent %1 bytes to %2</source>
        <translation>已发送 %1 字节到 %2</translation>
    </message>
    <message>
        <source>cannot write to standard output (%1)</source>
        <translation>无法写入标准输出（%1）</translation>
    </message>
    <message>
        <source>chatting with %1 from UDP port %2</source>
        <translation>正在与 %1 聊天，使用 UDP 端口 %2</translation>
    </message>
    <message>
        <source>type lines to send, one datagram each; what arrives is printed; Ctrl+D or Ctrl+C ends</source>
        <translation>输入要发送的行，每行一个数据报；收到的内容会打印出来；按 Ctrl+D 或 Ctrl+C 结束</translation>
    </message>
    <message>
        <source>cannot send: %1</source>
        <translation>无法发送：%1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The settings file %1 is damaged; defaults are used for what could not be read.</source>
        <translation>设置文件 %1 已损坏；无法读取的部分将使用默认值。</translation>
    </message>
    <message>
        <source>The settings file %1 was damaged; defaults are used for what could not be read, and the original is kept as %2.</source>
        <translation>设置文件 %1 已损坏；无法读取的部分已使用默认值，原文件已另存为 %2。</translation>
    </message>
    <message>
        <source>The settings file %1 is damaged and could not be copied aside (%2); defaults are used for what could not be read.</source>
        <translation>设置文件 %1 已损坏，且无法另存副本（%2）；无法读取的部分将使用默认值。</translation>
    </message>
    <message>
        <source>Settings are not saved this session, so that the damaged file stays as it is.</source>
        <translation>本次运行不保存设置，以便损坏的文件保持原样。</translation>
    </message>
    <message>
        <source>Settings could not be saved to %1: %2.</source>
        <translation>无法将设置保存到 %1：%2。</translation>
    </message>
    <message>
        <source>no temporary folder (%1)</source>
        <translation>没有可用的临时文件夹（%1）</translation>
    </message>
    <message>
        <source>a temporary copy in %1 could not be written</source>
        <translation>无法在 %1 中写入临时副本</translation>
    </message>
    <message>
        <source>a temporary copy in %1 did not read back intact (is that disk full?)</source>
        <translation>%1 中的临时副本读回后不完整（该磁盘是否已满？）</translation>
    </message>
    <message>
        <source>The saved draft had %1 characters, more than one message can carry; only its first %2 were restored.</source>
        <translation>保存的草稿有 %1 个字符，超过一条消息能容纳的长度；只恢复了前 %2 个字符。</translation>
    </message>
</context>
<context>
    <name>TransferList</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Receiving %1: %2 of %3, %4/s</source>
        <translation>正在接收 %1：%2 / %3，%4/秒</translation>
    </message>
    <message>
        <source>Receiving %1: %2, %3/s</source>
        <translation>正在接收 %1：%2，%3/秒</translation>
    </message>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>还剩 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel receiving %1</source>
        <translation>取消接收 %1</translation>
    </message>
    <message>
        <source>Sending %1: %2 of %3, %4/s</source>
        <translation>正在发送 %1：%2 / %3，%4/秒</translation>
    </message>
    <message>
        <source>Sending %1: %2, %3/s</source>
        <translation>正在发送 %1：%2，%3/秒</translation>
    </message>
    <message>
        <source>Stop sending %1</source>
        <translation>停止发送 %1</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <source>Taskbar Alert for New Messages</source>
        <translation>新消息时在任务栏提醒</translation>
    </message>
    <message>
        <source>Tray Icon and Notifications</source>
        <translation>托盘图标和通知</translation>
    </message>
    <message>
        <source>Closing the Window</source>
        <translation>关闭窗口时</translation>
    </message>
    <message>
        <source>Ask the First Time</source>
        <translation>第一次时询问</translation>
    </message>
    <message>
        <source>Quits udpchat</source>
        <translation>退出 udpchat</translation>
    </message>
    <message>
        <source>Keeps Running in the Tray</source>
        <translation>在托盘中继续运行</translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation>来自 %1 的消息</translation>
    </message>
    <message>
        <source>udpchat</source>
        <translation>udpchat</translation>
    </message>
    <message>
        <source>%1 new messages from %2 peers</source>
        <translation>%1 条新消息，来自 %2 个对方</translation>
    </message>
    <message numerus="yes">
        <source>udpchat: %n unread</source>
        <translation>
            <numerusform>udpchat：%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <source>Show udpchat</source>
        <translation>显示 udpchat</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close udpchat</source>
        <translation>关闭 udpchat</translation>
    </message>
    <message>
        <source>Keep udpchat running in the tray, so messages are still received, or quit?</source>
        <translation>让 udpchat 在托盘中继续运行以便继续接收消息，还是退出？</translation>
    </message>
    <message>
        <source>You can change this later in View &gt; Notifications &gt; Closing the Window.</source>
        <translation>之后可以在“视图 &gt; 通知 &gt; 关闭窗口时”中更改。</translation>
    </message>
    <message>
        <source>Keep Running in the Tray</source>
        <translation>在托盘中继续运行</translation>
    </message>
</context>
<context>
    <name>UdpChannel</name>
    <message>
        <source>port %1 is used by another program</source>
        <translation>端口 %1 已被其他程序占用</translation>
    </message>
    <message>
        <source>port %1 needs administrator rights; use a port from 1024 up</source>
        <translation>端口 %1 需要管理员权限；请使用 1024 及以上的端口</translation>
    </message>
    <message>
        <source>port %1 could not be opened (%2)</source>
        <translation>无法打开端口 %1（%2）</translation>
    </message>
    <message>
        <source>Not sent: udpchat is not listening on a port, so the peer could not reply. Choose a free port first.</source>
        <translation>未发送：udpchat 没有在监听任何端口，对方将无法回复。请先选择一个空闲端口。</translation>
    </message>
    <message>
        <source>Not sent: the target address or port is invalid.</source>
        <translation>未发送：目标地址或端口无效。</translation>
    </message>
    <message>
        <source>Not sent: the message is %1 bytes, one UDP datagram holds at most %2.</source>
        <translation>未发送：消息有 %1 字节，而一个 UDP 数据报最多容纳 %2 字节。</translation>
    </message>
    <message>
        <source>Not sent: the network path does not take a datagram of %1 bytes.</source>
        <translation>未发送：网络路径无法传送 %1 字节的数据报。</translation>
    </message>
    <message>
        <source>Not sent: the system refused it (%1). Check that %2 is reachable from this computer.</source>
        <translation>未发送：系统拒绝了发送（%1）。请检查本机能否访问 %2。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Not sent: the system refused to send on %1 (%2).</source>
        <translation>未发送：系统拒绝在 %1 上发送（%2）。</translation>
    </message>
    <message>
        <source>Not sent: the system refused it (%1): %2</source>
        <translation>未发送：系统拒绝了发送（%1）：%2</translation>
    </message>
    <message>
        <source>Cannot join %1: %2</source>
        <translation>无法加入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot join %1: no interface is up that can do multicast over %2; connect to a network or name an interface (GROUP%INTERFACE).</source>
        <translation>无法加入 %1：没有已启用且能通过 %2 进行组播的网络接口；请连接网络或指定接口（GROUP%INTERFACE）。</translation>
    </message>
    <message>
        <source>on %1: %2</source>
        <translation>在 %1 上：%2</translation>
    </message>
    <message>
        <source>Cannot join %1 %2.</source>
        <translation>无法加入 %1（%2）。</translation>
    </message>
    <message>
        <source>Cannot join %1: it is not a multicast group (IPv4 224.0.0.0 to 239.255.255.255, IPv6 ff00::/8).</source>
        <translation>无法加入 %1：它不是组播组（IPv4 224.0.0.0 到 239.255.255.255，IPv6 ff00::/8）。</translation>
    </message>
</context>
</TS>
