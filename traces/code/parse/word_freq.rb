# Word frequencies of a text file: tokenize each line, count, keep the top k.
def word_freq(path, k)
  counts = Hash.new(0)
  File.foreach(path) do |line|
    line.downcase.scan(/[a-z']+/).each do |word|
      counts[word] += 1 if word.length > 2
    end
  end
  counts.sort_by { |word, n| [-n, word] }.first(k)
end
